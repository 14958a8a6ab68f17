package io.orgvault.sandbox.protocol;

/** How a sandbox process ends; the host reads the outcome from these and the last stdout line. */
public final class ExitCodes {
  /** The job ran to its end (a backup committed, a store verified clean). */
  public static final int OK = 0;

  /** The job failed; a {@code job-failed} line says why. */
  public static final int FAILED = 1;

  /** {@code verify} found damage. */
  public static final int DAMAGED = 2;

  /** A backup stopped by the org's API allowance; nothing committed. */
  public static final int STOPPED = 3;

  /** The request on stdin broke the protocol; nothing ran. */
  public static final int BAD_REQUEST = 64;

  private ExitCodes() {}
}
