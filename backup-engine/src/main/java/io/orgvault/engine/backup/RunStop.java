package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.RunStoppedException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first stop (an API allowance spent) any thread of a run met, shared by the run's objects: the
 * others see it at their next row, write what they hold and leave their resume position, instead of
 * being interrupted in the middle of a segment or a file body.
 */
final class RunStop {
  private final AtomicReference<RunStoppedException> first = new AtomicReference<>();

  /** Records {@code stop} unless another came first. */
  void request(RunStoppedException stop) {
    first.compareAndSet(null, stop);
  }

  boolean requested() {
    return first.get() != null;
  }

  /** The run's stop as met by an extraction standing at {@code checkpoint}; only if requested. */
  RunStoppedException at(io.orgvault.engine.salesforce.ExtractionCheckpoint checkpoint) {
    return first.get().withCheckpoint(checkpoint);
  }

  /**
   * Throws the run's stop, if there is one, as this thread's own: without the checkpoint of the
   * extraction that met it, which is another object's.
   */
  void check() {
    RunStoppedException stop = first.get();
    if (stop != null) {
      throw stop.withCheckpoint(null);
    }
  }
}
