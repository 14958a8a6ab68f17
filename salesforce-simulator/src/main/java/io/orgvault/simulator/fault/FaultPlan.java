package io.orgvault.simulator.fault;

import java.time.Duration;

/**
 * Which faults to inject and how often, each a probability per API call drawn from a seeded
 * generator, so a failing test can be replayed.
 *
 * @param latency added to every call
 * @param serverErrorRate calls answered 503 {@code SERVER_UNAVAILABLE} (or a SOAP fault)
 * @param truncateRate calls whose response body is cut off part-way
 * @param tokenExpiryRate calls before which every session expires
 * @param limitExhaustionRate calls before which the daily API allocation is spent
 */
public record FaultPlan(
    long seed,
    Duration latency,
    double serverErrorRate,
    double truncateRate,
    double tokenExpiryRate,
    double limitExhaustionRate) {

  public static FaultPlan none() {
    return new FaultPlan(0, Duration.ZERO, 0, 0, 0, 0);
  }

  public FaultPlan withLatency(Duration d) {
    return new FaultPlan(
        seed, d, serverErrorRate, truncateRate, tokenExpiryRate, limitExhaustionRate);
  }

  public FaultPlan withServerErrors(double rate) {
    return new FaultPlan(seed, latency, rate, truncateRate, tokenExpiryRate, limitExhaustionRate);
  }

  public FaultPlan withTruncation(double rate) {
    return new FaultPlan(
        seed, latency, serverErrorRate, rate, tokenExpiryRate, limitExhaustionRate);
  }

  public FaultPlan withTokenExpiry(double rate) {
    return new FaultPlan(seed, latency, serverErrorRate, truncateRate, rate, limitExhaustionRate);
  }

  public FaultPlan withLimitExhaustion(double rate) {
    return new FaultPlan(seed, latency, serverErrorRate, truncateRate, tokenExpiryRate, rate);
  }

  public FaultPlan withSeed(long s) {
    return new FaultPlan(
        s, latency, serverErrorRate, truncateRate, tokenExpiryRate, limitExhaustionRate);
  }
}
