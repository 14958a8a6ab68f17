package io.orgvault.simulator.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued refresh tokens. Like Salesforce's default connected-app policy ("valid until revoked")
 * they do not expire; each one is a grant that access tokens are issued under, so revoking it ends
 * those access tokens too (see {@link AccessTokens#revokeGrant}).
 */
public final class RefreshTokens {
  /** Salesforce refresh tokens start with this; it also tells revocation what a token is. */
  public static final String PREFIX = "5Aep861";

  private static final int TOKEN_BYTES = 48;

  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public RefreshTokens(Clock clock) {
    this.clock = clock;
  }

  /**
   * Issues a refresh token.
   *
   * @param publicClient the grant was made with PKCE and no client secret, so refreshing it does
   *     not require the secret either
   */
  public Issued issue(String userId, String clientId, String scope, boolean publicClient) {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Grant grant =
        new Grant(
            UUID.randomUUID().toString(), userId, clientId, scope, publicClient, clock.instant());
    grants.put(token, grant);
    return new Issued(token, grant);
  }

  public Optional<Grant> find(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(grants.get(token));
  }

  /** Revokes a refresh token; returns its grant so the caller can end its access tokens. */
  public Optional<Grant> revoke(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(grants.remove(token));
  }

  public static boolean looksLikeRefreshToken(String token) {
    return token != null && token.startsWith(PREFIX);
  }

  /**
   * What a refresh token grants. {@code id} names the grant for {@link AccessTokens}; the token
   * itself is not kept here, so a grant can be logged.
   */
  public record Grant(
      String id,
      String userId,
      String clientId,
      String scope,
      boolean publicClient,
      Instant issuedAt) {}

  /** A newly issued refresh token and its grant; the token is kept out of {@link #toString()}. */
  public record Issued(String token, Grant grant) {
    @Override
    public String toString() {
      return "Issued[" + grant + "]";
    }
  }
}
