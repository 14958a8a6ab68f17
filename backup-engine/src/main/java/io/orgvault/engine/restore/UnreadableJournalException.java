package io.orgvault.engine.restore;

/**
 * A restore journal authenticated but holds an entry this engine does not understand (another
 * version, an unknown kind, a missing field). The run stops rather than guess what was written.
 */
public final class UnreadableJournalException extends RuntimeException {
  public UnreadableJournalException(String message) {
    super(message);
  }
}
