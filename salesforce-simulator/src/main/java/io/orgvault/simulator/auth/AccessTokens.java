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
 * lifetime of wall-clock time (like a Salesforce session timeout); they can be revoked one by one,
 * by the grant (refresh token) they were issued under, or all at once (a fault tests use).
 */
public final class AccessTokens {
  private static final int TOKEN_BYTES = 32;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** The grant each token was issued under, for tokens issued under one. */
  private final Map<String, String> grants = new ConcurrentHashMap<>();

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
    return issue(userId, clientId, scope, null).token();
  }

  /**
   * Issues a token under a grant (e.g. a refresh token's id) so that revoking the grant ends it
   * too; {@code grant} may be null. Returns the token with its session, whose {@code issuedAt} is
   * the {@code issued_at} of a token response.
   */
  public Issued issue(String userId, String clientId, String scope, String grant) {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    String token = prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    Session session = new Session(userId, orgId, clientId, scope, now, now.plus(lifetime));
    if (grant != null) {
      grants.put(token, grant);
    }
    sessions.put(token, session);
    return new Issued(token, session);
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
      remove(token);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public boolean revoke(String token) {
    return token != null && remove(token);
  }

  /** Revokes every token issued under a grant; returns how many were live. */
  public int revokeGrant(String grant) {
    int n = 0;
    for (Map.Entry<String, String> e : grants.entrySet()) {
      if (e.getValue().equals(grant) && remove(e.getKey())) {
        n++;
      }
    }
    return n;
  }

  /** Whether a string has the shape of a token this org issues (live or not). */
  public boolean looksIssuedHere(String token) {
    return token != null && token.startsWith(prefix());
  }

  /** Ends every session, as when an admin expires all sessions (a fault for tests). */
  public void expireAll() {
    sessions.clear();
    grants.clear();
  }

  public void lifetime(Duration d) {
    this.lifetime = d;
  }

  public Duration lifetime() {
    return lifetime;
  }

  private String prefix() {
    return orgId.substring(0, 15) + "!";
  }

  private boolean remove(String token) {
    grants.remove(token);
    return sessions.remove(token) != null;
  }

  /** A newly issued token and its session; the token is kept out of {@link #toString()}. */
  public record Issued(String token, Session session) {
    @Override
    public String toString() {
      return "Issued[" + session + "]";
    }
  }
}
