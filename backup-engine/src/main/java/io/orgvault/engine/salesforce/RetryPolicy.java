package io.orgvault.engine.salesforce;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Retries of transient failures (HTTP 5xx, {@code SERVER_UNAVAILABLE}, broken connections, cut-off
 * bodies): at most {@code maxAttempts} attempts per call, waiting before retry {@code n} (1-based)
 * a uniformly random time between zero and {@code min(maxDelay, baseDelay * 2^(n-1))} ("full
 * jitter"), so that many clients recovering from one outage spread out.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("negative retry delay");
    }
  }

  /** 8 attempts, waits capped at 0.5 s, 1 s, 2 s, ... up to 30 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The cap of the wait before retry {@code retry} (1 = the first retry). */
  public Duration cap(int retry) {
    int shift = Math.min(Math.max(retry - 1, 0), 40);
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    long cap = base > (max >> shift) ? max : Math.min(max, base << shift);
    return Duration.ofNanos(cap);
  }

  /** A random wait in {@code [0, cap(retry)]}. */
  public Duration delay(int retry, RandomGenerator random) {
    long cap = cap(retry).toNanos();
    return cap <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
  }
}
