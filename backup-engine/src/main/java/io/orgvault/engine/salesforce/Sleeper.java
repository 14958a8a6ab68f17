package io.orgvault.engine.salesforce;

import java.time.Duration;

/** Waits between retries and between polls of a Bulk job; tests inject one that does not wait. */
@FunctionalInterface
public interface Sleeper {
  /** Really waits. */
  Sleeper SYSTEM =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
      };

  void sleep(Duration d) throws InterruptedException;
}
