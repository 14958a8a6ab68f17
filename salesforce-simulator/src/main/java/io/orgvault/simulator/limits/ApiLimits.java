package io.orgvault.simulator.limits;

import io.orgvault.simulator.http.ApiException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's API request allocation: every REST, Bulk and SOAP call counts against a daily maximum
 * (reported in {@code Sforce-Limit-Info} and the {@code limits} resource), and only so many calls
 * may run at once.
 */
public final class ApiLimits {
  private final AtomicLong used = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long dailyMax;
  private volatile int concurrencyMax;

  public ApiLimits(long dailyMax, int concurrencyMax) {
    this.dailyMax = dailyMax;
    this.concurrencyMax = concurrencyMax;
  }

  /**
   * Counts one call and admits it, or refuses it with {@code REQUEST_LIMIT_EXCEEDED}. Every
   * admitted call must be followed by {@link #release()}.
   */
  public void acquire() {
    if (used.get() >= dailyMax) {
      throw new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    if (inFlight.incrementAndGet() > concurrencyMax) {
      inFlight.decrementAndGet();
      throw new ApiException(
          403,
          "REQUEST_LIMIT_EXCEEDED",
          "ConcurrentPerOrgLongTxn Limit exceeded. The org has too many requests in progress.");
    }
    used.incrementAndGet();
  }

  public void release() {
    inFlight.decrementAndGet();
  }

  /** The value of the {@code Sforce-Limit-Info} response header. */
  public String header() {
    return "api-usage=" + used.get() + "/" + dailyMax;
  }

  public long used() {
    return used.get();
  }

  public long dailyMax() {
    return dailyMax;
  }

  public long remaining() {
    return Math.max(0, dailyMax - used.get());
  }

  public int concurrencyMax() {
    return concurrencyMax;
  }

  public void dailyMax(long max) {
    this.dailyMax = max;
  }

  public void concurrencyMax(int max) {
    this.concurrencyMax = max;
  }

  /** Spends the rest of today's allocation (a fault tests use). */
  public void exhaust() {
    used.set(dailyMax);
  }

  /** A new day: the allocation starts again. */
  public void resetDay() {
    used.set(0);
  }
}
