package io.orgvault.simulator.soql;

import java.util.List;

/**
 * One selected column: a path from the queried object through zero or more parent relationships to
 * a field, with the names as the object's describe spells them (not as the query wrote them), e.g.
 * {@code [Name]} or {@code [Account, Owner, Name]}.
 */
public record Column(List<String> path) {
  public Column {
    path = List.copyOf(path);
  }

  /** The field at the end of the path. */
  public String field() {
    return path.get(path.size() - 1);
  }

  /** The relationships before the field; empty for a field of the queried object itself. */
  public List<String> relationships() {
    return path.subList(0, path.size() - 1);
  }

  /** The dotted name, as Bulk API CSV headers use it: {@code Account.Name}. */
  public String dotted() {
    return String.join(".", path);
  }
}
