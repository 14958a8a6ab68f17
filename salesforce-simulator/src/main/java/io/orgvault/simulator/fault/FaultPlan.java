package io.orgvault.simulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * Which faults to inject and how often, each a probability per API call drawn from a seeded
 * generator, so a failing test can be replayed.
 *
 * @param latency added to every call
 * @param serverErrorRate calls answered 503 {@code SERVER_UNAVAILABLE} (or a SOAP fault)
 * @param truncateRate calls whose response body is cut off part-way
 * @param tokenExpiryRate calls before which every session expires
 * @param limitExhaustionRate calls before which the daily API allocation is spent
 * @param stallRate calls whose response body stops after {@code stallAfterBytes} bytes and sends
 *     nothing more for {@code stallFor} (a connection that hangs mid-body), then goes on
 * @param stallAfterBytes how many bytes of a stalled body are sent before it stalls
 * @param stallFor how long a stalled body sends nothing
 */
public record FaultPlan(
    long seed,
    Duration latency,
    double serverErrorRate,
    double truncateRate,
    double tokenExpiryRate,
    double limitExhaustionRate,
    double stallRate,
    long stallAfterBytes,
    Duration stallFor) {

  public FaultPlan {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(stallFor, "stallFor");
    if (stallAfterBytes < 0 || stallFor.isNegative()) {
      throw new IllegalArgumentException("a stall needs a non-negative byte count and duration");
    }
  }

  public static FaultPlan none() {
    return new FaultPlan(0, Duration.ZERO, 0, 0, 0, 0, 0, 0, Duration.ZERO);
  }

  public FaultPlan withLatency(Duration d) {
    return new FaultPlan(
        seed,
        d,
        serverErrorRate,
        truncateRate,
        tokenExpiryRate,
        limitExhaustionRate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }

  public FaultPlan withServerErrors(double rate) {
    return new FaultPlan(
        seed,
        latency,
        rate,
        truncateRate,
        tokenExpiryRate,
        limitExhaustionRate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }

  public FaultPlan withTruncation(double rate) {
    return new FaultPlan(
        seed,
        latency,
        serverErrorRate,
        rate,
        tokenExpiryRate,
        limitExhaustionRate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }

  public FaultPlan withTokenExpiry(double rate) {
    return new FaultPlan(
        seed,
        latency,
        serverErrorRate,
        truncateRate,
        rate,
        limitExhaustionRate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }

  public FaultPlan withLimitExhaustion(double rate) {
    return new FaultPlan(
        seed,
        latency,
        serverErrorRate,
        truncateRate,
        tokenExpiryRate,
        rate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }

  /**
   * Bodies (at {@code rate} per call) that send {@code afterBytes} bytes, then nothing for {@code
   * duration}, then the rest: what a client sees of a connection hanging mid-response.
   */
  public FaultPlan withStalls(double rate, long afterBytes, Duration duration) {
    return new FaultPlan(
        seed,
        latency,
        serverErrorRate,
        truncateRate,
        tokenExpiryRate,
        limitExhaustionRate,
        rate,
        afterBytes,
        duration);
  }

  public FaultPlan withSeed(long s) {
    return new FaultPlan(
        s,
        latency,
        serverErrorRate,
        truncateRate,
        tokenExpiryRate,
        limitExhaustionRate,
        stallRate,
        stallAfterBytes,
        stallFor);
  }
}
