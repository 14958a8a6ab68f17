package io.orgvault.engine.browse;

import java.util.List;
import java.util.Optional;

/**
 * One page of a record's versions, oldest first, and where the next page starts (empty on the last
 * page).
 */
public record HistoryPage(List<HistoryVersion> versions, Optional<Position> next) {
  public HistoryPage {
    versions = List.copyOf(versions);
  }

  /**
   * A place in a record's history: the versions after it are those of a later backup, or of the
   * same backup with a higher SystemModstamp.
   */
  public record Position(long backup, long systemModstamp) {
    boolean before(HistoryVersion v) {
      return v.backup() > backup
          || (v.backup() == backup && v.version().systemModstamp() > systemModstamp);
    }
  }
}
