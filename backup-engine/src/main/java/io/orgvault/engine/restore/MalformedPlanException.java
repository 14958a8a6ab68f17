package io.orgvault.engine.restore;

/** A sealed plan authenticated but its content is not a plan this engine can run. */
public final class MalformedPlanException extends RuntimeException {
  public MalformedPlanException(String message) {
    super(message);
  }
}
