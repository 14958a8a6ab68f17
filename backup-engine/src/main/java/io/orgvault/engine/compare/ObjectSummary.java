package io.orgvault.engine.compare;

/**
 * Per object: how many records were added, deleted and changed from A to B, and its schema diff.
 */
public record ObjectSummary(
    String object, long added, long deleted, long changed, SchemaDiff schema) {
  public long total() {
    return added + deleted + changed;
  }
}
