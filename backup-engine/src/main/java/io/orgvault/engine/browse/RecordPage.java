package io.orgvault.engine.browse;

import io.orgvault.engine.store.RecordVersion;
import java.util.List;
import java.util.Optional;

/**
 * One page of records in Id order; {@code nextCursor} continues after the last, empty at the end.
 */
public record RecordPage(List<RecordVersion> records, Optional<String> nextCursor) {
  public RecordPage {
    records = List.copyOf(records);
  }
}
