package io.orgvault.engine.salesforce;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How many API calls one run may make, so that a backup never eats the allowance the org's other
 * integrations need. The cap is a fraction of the org's daily limit (10% unless configured), learnt
 * from the usage Salesforce reports on each response, and optionally a fixed number of calls; the
 * lower of the two applies. Every attempt counts, retries included, since Salesforce counts them
 * too. Until the first usage report arrives only the fixed cap (if any) applies.
 *
 * <p>Thread-safe. One instance per run: a new run starts a new budget.
 */
public final class ApiBudget {
  /** The default share of the org's daily allowance one run may use. */
  public static final double DEFAULT_FRACTION = 0.10;

  private final double fraction;
  private final long fixedMax;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicReference<LimitInfo> lastUsage = new AtomicReference<>();

  private ApiBudget(double fraction, long fixedMax) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("the budget fraction must be in (0, 1], got " + fraction);
    }
    if (fixedMax < 0) {
      throw new IllegalArgumentException("a negative call budget: " + fixedMax);
    }
    this.fraction = fraction;
    this.fixedMax = fixedMax;
  }

  /** At most {@code fraction} of the org's daily allowance (e.g. 0.10 for 10%). */
  public static ApiBudget fractionOfDailyLimit(double fraction) {
    return new ApiBudget(fraction, 0);
  }

  /** At most {@code fraction} of the daily allowance and at most {@code maxCalls} calls. */
  public static ApiBudget of(double fraction, long maxCalls) {
    if (maxCalls <= 0) {
      throw new IllegalArgumentException("a call budget must be positive, got " + maxCalls);
    }
    return new ApiBudget(fraction, maxCalls);
  }

  /** The default: 10% of the org's daily allowance. */
  public static ApiBudget defaultBudget() {
    return fractionOfDailyLimit(DEFAULT_FRACTION);
  }

  /**
   * Counts a call about to be made, or refuses it.
   *
   * @param endpoint what the call is, for the message
   * @throws ApiBudgetExhaustedException when the run has used its budget
   */
  void beforeCall(String endpoint) {
    while (true) {
      long made = calls.get();
      OptionalLong max = maxCalls();
      if (max.isPresent() && made >= max.getAsLong()) {
        LimitInfo usage = lastUsage.get();
        throw new ApiBudgetExhaustedException(
            "This run has used its API budget: "
                + made
                + " of "
                + max.getAsLong()
                + " calls allowed"
                + (usage == null
                    ? ""
                    : " (" + percent() + " of the org's daily allowance of " + usage.max() + ")")
                + "; refused "
                + endpoint
                + ". The run stopped and can resume from its checkpoint in a later run.",
            made,
            max.getAsLong(),
            null);
      }
      if (calls.compareAndSet(made, made + 1)) {
        return;
      }
    }
  }

  /** Takes note of the usage Salesforce reported on a response. */
  void observe(LimitInfo usage) {
    if (usage != null) {
      lastUsage.set(usage);
    }
  }

  /** Calls this run has made (attempted) so far. */
  public long callsMade() {
    return calls.get();
  }

  /** The cap as known now: empty while neither a fixed cap nor the org's allowance is known. */
  public OptionalLong maxCalls() {
    LimitInfo usage = lastUsage.get();
    long byFraction = usage == null ? Long.MAX_VALUE : (long) Math.floor(usage.max() * fraction);
    long cap = Math.min(fixedMax > 0 ? fixedMax : Long.MAX_VALUE, byFraction);
    return cap == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(cap);
  }

  /** The org's usage last reported. */
  public Optional<LimitInfo> lastUsage() {
    return Optional.ofNullable(lastUsage.get());
  }

  public double fraction() {
    return fraction;
  }

  private String percent() {
    return String.format(java.util.Locale.ROOT, "%.4g%%", fraction * 100);
  }

  @Override
  public String toString() {
    return "ApiBudget[calls="
        + calls.get()
        + ", max="
        + maxCalls()
        + ", fraction="
        + fraction
        + "]";
  }
}
