package io.orgvault.simulator.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a child object by the parent Id in one cascade-delete reference field. Built on first use
 * by one scan, then kept current by the org's writes, so a cascade costs what it deletes.
 */
final class ReferenceIndex {
  private final ObjectTable child;
  private final int fieldIndex;
  private Map<String, List<Integer>> byParent;

  ReferenceIndex(ObjectTable child, int fieldIndex) {
    this.child = child;
    this.fieldIndex = fieldIndex;
  }

  ObjectTable child() {
    return child;
  }

  int fieldIndex() {
    return fieldIndex;
  }

  synchronized List<Integer> children(String parentId) {
    build();
    return List.copyOf(byParent.getOrDefault(parentId, List.of()));
  }

  synchronized void changed(int row, Object oldParent, Object newParent) {
    if (byParent == null || java.util.Objects.equals(oldParent, newParent)) {
      return;
    }
    if (oldParent != null) {
      List<Integer> l = byParent.get((String) oldParent);
      if (l != null) {
        l.remove(Integer.valueOf(row));
      }
    }
    if (newParent != null) {
      byParent.computeIfAbsent((String) newParent, k -> new ArrayList<>(2)).add(row);
    }
  }

  private void build() {
    if (byParent != null) {
      return;
    }
    byParent = new HashMap<>();
    int n = child.size();
    for (int r = 0; r < n; r++) {
      if (child.exists(r)) {
        Object p = child.value(r, fieldIndex);
        if (p != null) {
          byParent.computeIfAbsent((String) p, k -> new ArrayList<>(2)).add(r);
        }
      }
    }
  }
}
