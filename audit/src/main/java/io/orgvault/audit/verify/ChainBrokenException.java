package io.orgvault.audit.verify;

/** Thrown where a broken chain must stop the work, e.g. before signing a checkpoint over it. */
public final class ChainBrokenException extends Exception {
  private final transient ChainBreak chainBreak;

  public ChainBrokenException(String tenantId, ChainBreak chainBreak) {
    super("the audit chain of tenant " + tenantId + " is broken: " + chainBreak);
    this.chainBreak = chainBreak;
  }

  public ChainBreak chainBreak() {
    return chainBreak;
  }
}
