package io.orgvault.web.backup;

/** Where a backup run is. */
public enum RunState {
  QUEUED,
  RUNNING,
  /** A backup was committed. */
  SUCCEEDED,
  /** Stopped by the API allowance: nothing lost, the next run continues where it stopped. */
  STOPPED,
  FAILED;

  public boolean finished() {
    return this == SUCCEEDED || this == STOPPED || this == FAILED;
  }
}
