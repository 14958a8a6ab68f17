package io.orgvault.simulator.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization requests between the login form and the consent form. Each form carries a random,
 * single-use nonce naming its request: a form can be posted once, and only by someone who was shown
 * it (the nonce is the form's anti-forgery token).
 */
final class PendingLogins {
  static final Duration LIFETIME = Duration.ofMinutes(10);

  /** More pending logins than this and new ones are refused, so GETs cannot exhaust the heap. */
  static final int MAX_PENDING = 10_000;

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  /**
   * A request waiting for a form post.
   *
   * @param userId null until the user has logged in
   */
  record Pending(AuthorizationRequest request, String userId, Instant expiresAt) {}

  /** Stores a request (with the user once logged in) and returns the nonce of its next form. */
  Optional<String> put(AuthorizationRequest request, String userId) {
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
      if (pending.size() >= MAX_PENDING) {
        return Optional.empty();
      }
    }
    byte[] b = new byte[24];
    random.nextBytes(b);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    pending.put(nonce, new Pending(request, userId, now.plus(LIFETIME)));
    return Optional.of(nonce);
  }

  /** Takes the request a nonce names; a nonce works once, and not after it expired. */
  Optional<Pending> take(String nonce) {
    if (nonce == null) {
      return Optional.empty();
    }
    Pending p = pending.remove(nonce);
    if (p == null || !clock.instant().isBefore(p.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(p);
  }
}
