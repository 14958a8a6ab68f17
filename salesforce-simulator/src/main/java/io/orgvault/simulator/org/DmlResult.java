package io.orgvault.simulator.org;

import java.util.List;

/** The outcome of one DML operation on one record. */
public record DmlResult(String id, boolean success, boolean created, List<DmlException> errors) {
  public static DmlResult ok(String id, boolean created) {
    return new DmlResult(id, true, created, List.of());
  }

  public static DmlResult failed(String id, DmlException e) {
    return new DmlResult(id, false, false, List.of(e));
  }
}
