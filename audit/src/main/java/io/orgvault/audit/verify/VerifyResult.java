package io.orgvault.audit.verify;

import io.orgvault.audit.event.ChainHash;
import java.util.Optional;

/**
 * A tenant's verification: where the chain starts (1, or the first row kept by retention), how much
 * was checked, the last trustworthy row (seq 0 and {@link ChainHash#GENESIS} if none) and the first
 * break if there is one.
 */
public record VerifyResult(
    String tenantId,
    long firstSeq,
    long rowsChecked,
    long checkpointsChecked,
    long verifiedSeq,
    ChainHash verifiedHash,
    Optional<ChainBreak> firstBreak) {

  public boolean ok() {
    return firstBreak.isEmpty();
  }
}
