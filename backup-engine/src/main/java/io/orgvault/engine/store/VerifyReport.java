package io.orgvault.engine.store;

import java.util.List;

/**
 * What {@code verify} checked and every damage it found (it does not stop at the first).
 *
 * @param manifests manifests read
 * @param segments segments opened
 * @param blocks segment blocks authenticated and decoded
 * @param chunks blob chunk files authenticated
 */
public record VerifyReport(
    long manifests, long segments, long blocks, long chunks, List<Damage> damages) {
  public VerifyReport {
    damages = List.copyOf(damages);
  }

  public boolean ok() {
    return damages.isEmpty();
  }
}
