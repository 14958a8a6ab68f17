package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.ApiBudget;
import java.time.Instant;

/**
 * The run's progress events, from whichever thread: one event at a time reaches the sink, each with
 * the run's API calls counted when it is emitted, so a sink needs no locking of its own and {@code
 * apiCallsUsed} never goes backwards from one event to the next.
 */
final class RunProgress {
  private final ProgressSink sink;
  private final ApiBudget budget;

  RunProgress(ProgressSink sink, ApiBudget budget) {
    this.sink = sink;
    this.budget = budget;
  }

  synchronized void emit(
      String type, String object, long done, long estimated, long bytes, String detail) {
    sink.accept(
        new ProgressEvent(
            type, object, done, estimated, bytes, budget.callsMade(), Instant.now(), detail));
  }

  long calls() {
    return budget.callsMade();
  }
}
