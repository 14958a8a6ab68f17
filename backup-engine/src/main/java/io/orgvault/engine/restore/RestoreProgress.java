package io.orgvault.engine.restore;

/** Where a run reports each step it completed (the CLI prints them as JSON lines). */
public interface RestoreProgress {
  /**
   * One step done.
   *
   * @param phase {@code UNDELETE}, {@code CREATE}, {@code UPDATE} or {@code SECOND_PASS}
   * @param succeeded records of the step written
   * @param failed records of the step Salesforce (or the restore) refused
   */
  void step(String phase, String object, int succeeded, int failed);

  static RestoreProgress discard() {
    return (phase, object, succeeded, failed) -> {};
  }
}
