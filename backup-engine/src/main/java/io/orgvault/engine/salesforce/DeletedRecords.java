package io.orgvault.engine.salesforce;

import java.time.Instant;
import java.util.List;

/**
 * The result of {@code getDeleted}: records deleted in the window, the earliest date deletions are
 * still known from (the recycle bin is emptied), and how far the window was covered.
 */
public record DeletedRecords(
    List<Deletion> deletions, Instant earliestDateAvailable, Instant latestDateCovered) {
  public DeletedRecords {
    deletions = List.copyOf(deletions);
  }
}
