package io.orgvault.engine.salesforce;

import java.util.Optional;

/**
 * Salesforce answered {@code REQUEST_LIMIT_EXCEEDED} (HTTP 403, or the SOAP fault): the org's API
 * allowance is spent or too many calls are in progress. Not retried: the run stops, resumable from
 * {@link #checkpoint()}.
 */
public class ApiLimitExceededException extends RunStoppedException {
  private final transient LimitInfo usage;

  public ApiLimitExceededException(
      String message, LimitInfo usage, ExtractionCheckpoint checkpoint) {
    super(message, checkpoint);
    this.usage = usage;
  }

  /** The org's API usage last reported before the refusal, if any was. */
  public Optional<LimitInfo> usage() {
    return Optional.ofNullable(usage);
  }

  @Override
  public ApiLimitExceededException withCheckpoint(ExtractionCheckpoint checkpoint) {
    ApiLimitExceededException e = new ApiLimitExceededException(getMessage(), usage, checkpoint);
    e.setStackTrace(getStackTrace());
    return e;
  }
}
