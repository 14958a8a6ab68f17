package io.orgvault.web.restore;

/** Where a restore is: its plan job, then its run jobs. */
public enum RestoreState {
  /** The plan job is queued or running (reads the target org only). */
  PLANNING,
  /** The plan is sealed in the store; it waits for someone to confirm it. */
  PLANNED,
  /** No plan: the selection, the store or the org refused it. */
  PLAN_FAILED,
  /** A run job is queued or running. */
  RUNNING,
  /** The API allowance stopped the run; running it again continues where it stopped. */
  STOPPED,
  /** Every planned record has its outcome. */
  COMPLETED,
  /** The run could not finish; running it again continues its journal. */
  FAILED;

  /** A job of the restore is queued or running. */
  public boolean active() {
    return this == PLANNING || this == RUNNING;
  }

  /** Someone may (re)start the run: a plan waits, or a run stopped or failed part-way. */
  public boolean runnable() {
    return this == PLANNED || this == STOPPED || this == FAILED;
  }
}
