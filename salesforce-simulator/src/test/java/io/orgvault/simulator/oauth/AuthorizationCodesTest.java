package io.orgvault.simulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.oauth.AuthorizationCodes.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Authorization codes are single-use and expire after 15 minutes. */
class AuthorizationCodesTest {
  /** A clock a test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-05T08:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static final AuthorizationRequest REQUEST =
      new AuthorizationRequest("key", "https://app/cb", "api", null, null, null);

  @Test
  void aCodeIsRedeemedOnce() {
    AuthorizationCodes codes = new AuthorizationCodes(new HandClock());
    String code = codes.issue("005user", REQUEST);
    var first = codes.redeem(code);
    assertThat(first.status()).isEqualTo(Status.VALID);
    assertThat(first.grant().userId()).isEqualTo("005user");
    assertThat(codes.redeem(code).status()).isEqualTo(Status.UNKNOWN);
    assertThat(codes.redeem(null).status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void aCodeExpiresAfterFifteenMinutes() {
    HandClock clock = new HandClock();
    AuthorizationCodes codes = new AuthorizationCodes(clock);
    String fresh = codes.issue("005user", REQUEST);
    String stale = codes.issue("005user", REQUEST);
    clock.now = clock.now.plus(Duration.ofMinutes(14));
    assertThat(codes.redeem(fresh).status()).isEqualTo(Status.VALID);
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(codes.redeem(stale).status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void pendingLoginsExpireToo() {
    HandClock clock = new HandClock();
    PendingLogins pending = new PendingLogins(clock);
    String nonce = pending.put(REQUEST, null).orElseThrow();
    String other = pending.put(REQUEST, null).orElseThrow();
    assertThat(pending.take(nonce)).isPresent();
    assertThat(pending.take(nonce)).isEmpty();
    clock.now = clock.now.plus(PendingLogins.LIFETIME);
    assertThat(pending.take(other)).isEmpty();
  }
}
