package io.orgvault.web.secrets;

/**
 * A sealed secret that does not open: altered, moved to another row or tenant, or sealed under a
 * key this service does not hold. Never carries the secret or key material.
 */
public class SealedSecretException extends RuntimeException {
  public SealedSecretException(String message, Throwable cause) {
    super(message, cause);
  }

  public SealedSecretException(String message) {
    super(message);
  }
}
