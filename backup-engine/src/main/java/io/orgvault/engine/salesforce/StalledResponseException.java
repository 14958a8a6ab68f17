package io.orgvault.engine.salesforce;

import java.io.IOException;
import java.time.Duration;

/**
 * A response body sent nothing for longer than the client's body read timeout ({@link
 * ClientOptions#bodyReadTimeout()}): the connection hangs mid-body. The exchange has been
 * abandoned; like any body that broke off, the call is retried while the retry policy allows.
 */
public final class StalledResponseException extends IOException {
  private final transient Duration timeout;

  StalledResponseException(String endpoint, Duration timeout) {
    super(
        "the response body of "
            + endpoint
            + " sent nothing for "
            + timeout.toMillis()
            + " ms (the body read timeout); the exchange was abandoned");
    this.timeout = timeout;
  }

  /** The inactivity that ended the exchange. */
  public Duration timeout() {
    return timeout;
  }
}
