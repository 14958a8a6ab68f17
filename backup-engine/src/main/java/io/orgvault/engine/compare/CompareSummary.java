package io.orgvault.engine.compare;

import java.util.List;

/** The counts of a comparison, per object in name order. */
public record CompareSummary(long from, long to, List<ObjectSummary> objects) {
  public CompareSummary {
    objects = List.copyOf(objects);
  }
}
