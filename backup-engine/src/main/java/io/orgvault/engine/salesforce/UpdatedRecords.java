package io.orgvault.engine.salesforce;

import java.time.Instant;
import java.util.List;

/**
 * The result of {@code getUpdated}: Ids of records created or changed in the window, and how far
 * the window was covered (the next poll starts there).
 */
public record UpdatedRecords(List<String> ids, Instant latestDateCovered) {
  public UpdatedRecords {
    ids = List.copyOf(ids);
  }
}
