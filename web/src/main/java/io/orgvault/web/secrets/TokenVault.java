package io.orgvault.web.secrets;

import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.web.platform.PlatformKek;
import io.orgvault.web.secrets.repository.TenantTokenKeyRepository;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

/**
 * Envelope encryption of a tenant's Salesforce secrets (refresh tokens, PKCE verifiers, JWT signing
 * keys): the platform KEK wraps one random 256-bit key per tenant, which seals each secret with
 * AES-256-GCM. The associated data names the purpose, tenant and row, so a sealed value copied to
 * another row or tenant does not open. The tenant key is unwrapped per call and zeroed after it.
 *
 * <p>Sealed form: {@code 0x01 | nonce (12) | ciphertext | tag (16)}; the random 96-bit nonce is
 * safe far beyond the number of tokens a tenant will ever seal under one key.
 */
@ApplicationScoped
public class TokenVault {
  static final byte FORMAT_VERSION = 1;
  static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject PlatformKek kek;
  @Inject TenantTokenKeyRepository keys;
  @Inject Clock clock;

  /** What a sealed secret is for; part of its associated data. */
  public enum Purpose {
    REFRESH_TOKEN,
    PKCE_VERIFIER,
    /** A tenant's PKCS#8 RSA key for JWT bearer assertions (row: the tenant id). */
    JWT_SIGNING_KEY
  }

  @Transactional
  public byte[] seal(TenantId tenant, Purpose purpose, UUID row, byte[] plain) {
    byte[] key = tenantKey(tenant, true);
    try {
      byte[] nonce = new byte[AesGcm.NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      byte[] sealed = AesGcm.seal(key, nonce, aad(tenant, purpose, row), plain);
      byte[] out = new byte[1 + nonce.length + sealed.length];
      out[0] = FORMAT_VERSION;
      System.arraycopy(nonce, 0, out, 1, nonce.length);
      System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  @Transactional
  public byte[] open(TenantId tenant, Purpose purpose, UUID row, byte[] sealed) {
    if (sealed == null
        || sealed.length < 1 + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES
        || sealed[0] != FORMAT_VERSION) {
      throw new SealedSecretException("sealed " + purpose + " has an unknown format");
    }
    byte[] key = tenantKey(tenant, false);
    try {
      byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + AesGcm.NONCE_BYTES);
      return AesGcm.open(
          key,
          nonce,
          aad(tenant, purpose, row),
          sealed,
          1 + AesGcm.NONCE_BYTES,
          sealed.length - 1 - AesGcm.NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new SealedSecretException(
          "sealed " + purpose + " of tenant " + tenant + " does not open (altered or moved)", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private byte[] tenantKey(TenantId tenant, boolean createIfMissing) {
    byte[] wrapAad = ("orgvault/v1/tenant-token-key/" + tenant).getBytes(StandardCharsets.UTF_8);
    var stored = keys.find(tenant);
    if (stored.isEmpty()) {
      if (!createIfMissing) {
        throw new SealedSecretException("tenant " + tenant + " has no token key");
      }
      byte[] fresh = new byte[KEY_BYTES];
      RANDOM.nextBytes(fresh);
      TenantTokenKey row = new TenantTokenKey();
      row.tenantId = tenant.value();
      row.kekId = kek.id();
      row.wrappedKey = kek.wrap(fresh, wrapAad);
      row.createdAt = clock.instant();
      keys.add(tenant, row);
      return fresh;
    }
    try {
      return kek.unwrap(stored.get().wrappedKey, wrapAad);
    } catch (GeneralSecurityException e) {
      throw new SealedSecretException(
          "the token key of tenant " + tenant + " does not unwrap under KEK " + kek.id(), e);
    }
  }

  private static byte[] aad(TenantId tenant, Purpose purpose, UUID row) {
    return ("orgvault/v1/"
            + purpose.name().toLowerCase(java.util.Locale.ROOT)
            + "/"
            + tenant
            + "/"
            + row)
        .getBytes(StandardCharsets.UTF_8);
  }
}
