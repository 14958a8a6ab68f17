package io.orgvault.simulator.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes of the web server flow. A code is single-use and, as in Salesforce, valid for
 * 15 minutes; it is bound to the client, the redirect URI and the PKCE challenge it was issued
 * with.
 */
final class AuthorizationCodes {
  static final Duration LIFETIME = Duration.ofMinutes(15);

  private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  AuthorizationCodes(Clock clock) {
    this.clock = clock;
  }

  /** What a code grants; the code itself is not kept here so a grant can be logged. */
  record CodeGrant(String userId, AuthorizationRequest request, Instant expiresAt) {}

  /** The outcome of redeeming a code. */
  enum Status {
    VALID,
    UNKNOWN,
    EXPIRED
  }

  record Redemption(Status status, CodeGrant grant) {}

  String issue(String userId, AuthorizationRequest request) {
    Instant now = clock.instant();
    codes.values().removeIf(g -> !now.isBefore(g.expiresAt()));
    byte[] b = new byte[32];
    random.nextBytes(b);
    String code = "aPrx" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    codes.put(code, new CodeGrant(userId, request, now.plus(LIFETIME)));
    return code;
  }

  /** Redeems a code: whatever the outcome, the code cannot be redeemed again. */
  Redemption redeem(String code) {
    CodeGrant g = code == null ? null : codes.remove(code);
    if (g == null) {
      return new Redemption(Status.UNKNOWN, null);
    }
    if (!clock.instant().isBefore(g.expiresAt())) {
      return new Redemption(Status.EXPIRED, g);
    }
    return new Redemption(Status.VALID, g);
  }
}
