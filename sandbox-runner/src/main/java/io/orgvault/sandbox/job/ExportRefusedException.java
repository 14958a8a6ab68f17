package io.orgvault.sandbox.job;

/** An export that would leave the exports directory or overwrite a file; nothing was written. */
public final class ExportRefusedException extends RuntimeException {
  public ExportRefusedException(String message) {
    super(message);
  }
}
