package io.orgvault.simulator.fault;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault-injection switch. Off by default; tests turn it on with a {@link FaultPlan}. Each
 * decision draws from one seeded generator, so the same plan and the same sequence of calls fail
 * the same way.
 */
public final class Faults {
  /** What to do to one call. */
  public record Decision(
      long latencyMillis,
      boolean serverError,
      boolean truncate,
      boolean expireTokens,
      boolean exhaustLimits,
      boolean stall) {
    static final Decision NONE = new Decision(0, false, false, false, false, false);

    public boolean any() {
      return latencyMillis > 0 || serverError || truncate || expireTokens || exhaustLimits || stall;
    }
  }

  private volatile FaultPlan plan = FaultPlan.none();
  private Random random = new Random(0);
  private final AtomicLong injected = new AtomicLong();

  public synchronized void enable(FaultPlan p) {
    this.plan = p;
    this.random = new Random(p.seed());
  }

  public void disable() {
    enable(FaultPlan.none());
  }

  public FaultPlan plan() {
    return plan;
  }

  /** Faults injected so far. */
  public long injected() {
    return injected.get();
  }

  public synchronized Decision next() {
    FaultPlan p = plan;
    if (p.equals(FaultPlan.none())) {
      return Decision.NONE;
    }
    Decision d =
        new Decision(
            p.latency().toMillis(),
            random.nextDouble() < p.serverErrorRate(),
            random.nextDouble() < p.truncateRate(),
            random.nextDouble() < p.tokenExpiryRate(),
            random.nextDouble() < p.limitExhaustionRate(),
            p.stallRate() > 0 && random.nextDouble() < p.stallRate());
    if (d.serverError() || d.truncate() || d.expireTokens() || d.exhaustLimits() || d.stall()) {
      injected.incrementAndGet();
    }
    return d;
  }
}
