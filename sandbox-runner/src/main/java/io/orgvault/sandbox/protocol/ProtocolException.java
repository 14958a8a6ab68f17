package io.orgvault.sandbox.protocol;

/**
 * A job request that does not follow the protocol. The message names the field at fault but never
 * quotes the input, which holds secrets.
 */
public final class ProtocolException extends RuntimeException {
  public ProtocolException(String message) {
    super(message);
  }
}
