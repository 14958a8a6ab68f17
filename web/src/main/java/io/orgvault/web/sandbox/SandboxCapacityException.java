package io.orgvault.web.sandbox;

import java.time.Duration;

/** Every sandbox slot of the cluster stayed taken for as long as a job could wait. */
public class SandboxCapacityException extends Exception {
  public SandboxCapacityException(int capacity, Duration waited) {
    super("all " + capacity + " sandbox slots of the platform stayed busy for " + waited);
  }
}
