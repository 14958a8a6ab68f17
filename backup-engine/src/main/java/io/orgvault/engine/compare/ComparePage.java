package io.orgvault.engine.compare;

import java.util.List;
import java.util.Optional;

/**
 * One page of a comparison's changes; {@code nextCursor} continues after the last change, empty on
 * the last page.
 */
public record ComparePage(List<RecordChange> changes, Optional<String> nextCursor) {
  public ComparePage {
    changes = List.copyOf(changes);
  }
}
