package io.orgvault.simulator.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued access tokens and their sessions. Tokens are random, opaque and expire after a configured
 * lifetime of wall-clock time (like a Salesforce session timeout); they can be revoked one by one
 * or all at once (a fault tests use).
 */
public final class AccessTokens {
  private static final int TOKEN_BYTES = 32;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final String orgId;
  private volatile Duration lifetime;

  public AccessTokens(String orgId, Duration lifetime, Clock clock) {
    this.orgId = orgId;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Issues a token for a user; Salesforce prefixes session ids with the 15-character org id. */
  public String issue(String userId, String clientId, String scope) {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    String token =
        orgId.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    sessions.put(token, new Session(userId, orgId, clientId, scope, now, now.plus(lifetime)));
    return token;
  }

  /** The session of a live token, or empty for unknown, revoked or expired tokens. */
  public Optional<Session> validate(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(token);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public boolean revoke(String token) {
    return token != null && sessions.remove(token) != null;
  }

  /** Ends every session, as when an admin expires all sessions (a fault for tests). */
  public void expireAll() {
    sessions.clear();
  }

  public void lifetime(Duration d) {
    this.lifetime = d;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
