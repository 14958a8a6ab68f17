package io.orgvault.engine.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code verify} checked and every damage it found (it does not stop at the first).
 *
 * @param manifests manifests read
 * @param segments segments opened
 * @param blocks segment blocks authenticated and decoded
 * @param chunks blob chunk files authenticated
 * @param pendingBackup the pending backup whose state and segments were checked too, if any
 */
public record VerifyReport(
    long manifests,
    long segments,
    long blocks,
    long chunks,
    List<Damage> damages,
    OptionalLong pendingBackup) {
  public VerifyReport {
    damages = List.copyOf(damages);
  }

  public boolean ok() {
    return damages.isEmpty();
  }
}
