package io.orgvault.engine.salesforce;

/**
 * This run has made as many API calls as its {@link ApiBudget} allows (by default a tenth of the
 * org's daily allowance), so the client refused to make another. The run stops, resumable from
 * {@link #checkpoint()}.
 */
public class ApiBudgetExhaustedException extends RunStoppedException {
  private final long callsMade;
  private final long maxCalls;

  public ApiBudgetExhaustedException(
      String message, long callsMade, long maxCalls, ExtractionCheckpoint checkpoint) {
    super(message, checkpoint);
    this.callsMade = callsMade;
    this.maxCalls = maxCalls;
  }

  public long callsMade() {
    return callsMade;
  }

  public long maxCalls() {
    return maxCalls;
  }

  @Override
  public ApiBudgetExhaustedException withCheckpoint(ExtractionCheckpoint checkpoint) {
    ApiBudgetExhaustedException e =
        new ApiBudgetExhaustedException(getMessage(), callsMade, maxCalls, checkpoint);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
