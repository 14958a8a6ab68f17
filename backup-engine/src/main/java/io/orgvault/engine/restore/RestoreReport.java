package io.orgvault.engine.restore;

import java.util.List;

/**
 * What a run of a plan did.
 *
 * @param status {@link Status#COMPLETE} when every step ran; {@link Status#STOPPED} when an API
 *     allowance ran out (run it again to continue)
 * @param apiCalls calls this run made to the target org
 */
public record RestoreReport(
    String restoreId,
    Status status,
    String stopReason,
    long apiCalls,
    List<RestoreResult> results) {
  public RestoreReport {
    results = List.copyOf(results);
  }

  public enum Status {
    COMPLETE,
    STOPPED
  }

  public long count(RestoreResult.Outcome o) {
    return results.stream().filter(r -> r.outcome() == o).count();
  }
}
