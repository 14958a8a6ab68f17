package io.orgvault.engine.salesforce;

import java.util.Optional;

/**
 * The run stopped cleanly because an API allowance is spent: the org's daily limit ({@link
 * ApiLimitExceededException}) or this run's own budget ({@link ApiBudgetExhaustedException}).
 * Nothing delivered so far is lost: when the stop happened inside an extraction, {@link
 * #checkpoint()} says where a later run continues.
 */
public abstract class RunStoppedException extends SalesforceException {
  private final transient ExtractionCheckpoint checkpoint;

  protected RunStoppedException(String message, ExtractionCheckpoint checkpoint) {
    super(message);
    this.checkpoint = checkpoint;
  }

  /** Where an extraction that was under way continues; empty outside an extraction. */
  public Optional<ExtractionCheckpoint> checkpoint() {
    return Optional.ofNullable(checkpoint);
  }

  /** The same stop, carrying the checkpoint of the extraction it interrupted. */
  public abstract RunStoppedException withCheckpoint(ExtractionCheckpoint checkpoint);
}
