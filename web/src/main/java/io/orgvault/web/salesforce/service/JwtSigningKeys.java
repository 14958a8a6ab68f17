package io.orgvault.web.salesforce.service;

import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.salesforce.TenantJwtKey;
import io.orgvault.web.salesforce.repository.TenantJwtKeyRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.secrets.TokenVault.Purpose;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Each tenant's RSA key pair for the JWT bearer grant. The private key never leaves the service: it
 * is sealed under the tenant's token key (so a database dump alone signs nothing), opened only to
 * sign an assertion. The self-signed certificate is public: the tenant's Salesforce admin uploads
 * it to the connected app ("Use digital signatures"), which then trusts assertions of this tenant
 * only, so one tenant's key can never reach another tenant's orgs.
 */
@ApplicationScoped
public class JwtSigningKeys {
  static final int RSA_BITS = 2048;

  /** Salesforce stops accepting assertions when the uploaded certificate expires. */
  static final Duration VALIDITY = Duration.ofDays(2 * 365);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject TenantJwtKeyRepository keys;
  @Inject TokenVault vault;
  @Inject Clock clock;

  /** The public part of a tenant's key pair. */
  public record Certificate(
      String pem, String sha256Fingerprint, Instant notBefore, Instant notAfter) {}

  @Transactional
  public Optional<Certificate> certificate(TenantId tenant) {
    return keys.find(tenant).map(k -> describe(parse(k.certificate)));
  }

  /** Makes the tenant's key pair; 409 if it has one (it is replaced only by erasing it). */
  @Transactional
  public Certificate create(TenantId tenant) {
    if (keys.find(tenant).isPresent()) {
      throw ApiProblem.conflict(
          "jwt_key_exists", "the tenant already has a JWT signing key; download its certificate");
    }
    Instant now = clock.instant();
    KeyPair pair;
    X509Certificate cert;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(RSA_BITS, RANDOM);
      pair = g.generateKeyPair();
      X500Name name =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "OrgVault")
              .addRDN(BCStyle.CN, "OrgVault tenant " + tenant)
              .build();
      cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                          java.util.Date.from(now.minus(Duration.ofMinutes(5))),
                          java.util.Date.from(now.plus(VALIDITY)),
                          name,
                          pair.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a JWT signing key pair", e);
    }
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      TenantJwtKey row = new TenantJwtKey();
      row.tenantId = tenant.value();
      row.certificate = cert.getEncoded();
      row.sealedPrivateKey = vault.seal(tenant, Purpose.JWT_SIGNING_KEY, tenant.value(), pkcs8);
      row.createdAt = now;
      keys.add(tenant, row);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the certificate", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    return describe(cert);
  }

  /** The tenant's private key, opened for one signature; empty if the tenant has none. */
  @Transactional
  public Optional<PrivateKey> privateKey(TenantId tenant) {
    return keys.find(tenant)
        .map(
            k -> {
              byte[] pkcs8 =
                  vault.open(tenant, Purpose.JWT_SIGNING_KEY, tenant.value(), k.sealedPrivateKey);
              try {
                return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the tenant's JWT key does not decode", e);
              } finally {
                Arrays.fill(pkcs8, (byte) 0);
              }
            });
  }

  /** Erases the tenant's key pair (nothing can sign for it afterwards); true if there was one. */
  @Transactional
  public boolean erase(TenantId tenant) {
    return keys.delete(tenant);
  }

  private static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored JWT certificate does not parse", e);
    }
  }

  private static Certificate describe(X509Certificate cert) {
    try {
      byte[] der = cert.getEncoded();
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
              + "\n-----END CERTIFICATE-----\n";
      String fingerprint =
          HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
      return new Certificate(
          pem, fingerprint, cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the certificate", e);
    }
  }
}
