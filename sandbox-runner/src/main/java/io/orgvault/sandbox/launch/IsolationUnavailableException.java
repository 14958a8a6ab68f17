package io.orgvault.sandbox.launch;

/**
 * This host cannot build the sandbox (bubblewrap or user namespaces missing or refused). The
 * launcher then runs no tenant job at all.
 */
public final class IsolationUnavailableException extends RuntimeException {
  public IsolationUnavailableException(String message) {
    super(message);
  }
}
