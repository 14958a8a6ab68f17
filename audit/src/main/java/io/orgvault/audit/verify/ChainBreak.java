package io.orgvault.audit.verify;

/**
 * The first broken link: its kind, the sequence number where the chain stops being trustworthy (the
 * row, or the checkpoint's sequence number for checkpoint kinds) and a sentence for people.
 */
public record ChainBreak(BreakKind kind, long seq, String detail) {
  @Override
  public String toString() {
    return kind + " at seq " + seq + ": " + detail;
  }
}
