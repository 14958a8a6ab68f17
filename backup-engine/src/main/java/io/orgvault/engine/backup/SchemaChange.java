package io.orgvault.engine.backup;

import java.util.List;

/**
 * How an object's describe schema differs from the one the previous backup recorded.
 *
 * @param changedType fields whose type, length, precision or scale changed
 */
public record SchemaChange(
    String object, List<String> added, List<String> removed, List<String> changedType) {
  public SchemaChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changedType = List.copyOf(changedType);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changedType.isEmpty();
  }

  @Override
  public String toString() {
    return "added " + added + ", removed " + removed + ", changed " + changedType;
  }
}
