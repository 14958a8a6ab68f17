package io.orgvault.engine.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which changes a comparison yields. An empty set means "all". The field filter keeps the changed
 * records that changed at least one of the fields, with only those fields listed; added and deleted
 * records are not filtered by field (they have no field changes).
 */
public record CompareFilter(Set<String> objects, Set<ChangeKind> kinds, Set<String> fields) {
  public static final CompareFilter ALL = new CompareFilter(Set.of(), Set.of(), Set.of());

  public CompareFilter {
    objects = Set.copyOf(objects);
    kinds = Set.copyOf(kinds);
    fields = Set.copyOf(fields);
  }

  public CompareFilter objects(Set<String> names) {
    return new CompareFilter(names, kinds, fields);
  }

  public CompareFilter kinds(Set<ChangeKind> k) {
    return new CompareFilter(objects, k, fields);
  }

  public CompareFilter fields(Set<String> names) {
    return new CompareFilter(objects, kinds, names);
  }

  boolean includesObject(String object) {
    return objects.isEmpty() || objects.contains(object);
  }

  boolean includesKind(ChangeKind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  boolean includesField(String field) {
    return fields.isEmpty() || fields.contains(field);
  }

  /**
   * SHA-256 of a canonical text of the filter: a cursor is bound to the filter it was made with.
   */
  byte[] digest() {
    StringBuilder b = new StringBuilder();
    b.append("objects:").append(String.join(",", new TreeSet<>(objects)));
    b.append("\nkinds:");
    new TreeSet<>(kinds).forEach(k -> b.append(k.name()).append(','));
    b.append("\nfields:").append(String.join(",", new TreeSet<>(fields)));
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
