package io.orgvault.simulator.bulk;

/** The states of a Bulk API 2.0 job, spelled as the job info JSON spells them. */
enum JobState {
  Open,
  UploadComplete,
  InProgress,
  JobComplete,
  Failed,
  Aborted;

  /** A job in a terminal state no longer changes and may be deleted. */
  boolean terminal() {
    return this == JobComplete || this == Failed || this == Aborted;
  }
}
