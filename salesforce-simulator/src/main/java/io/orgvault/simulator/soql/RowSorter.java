package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.Comparator;
import java.util.List;

/**
 * ORDER BY for rows that are not already in the wanted order. Each key is read once per row into a
 * column (never once per comparison), then a stable merge sort orders row positions, so ties keep
 * Id order and the result is deterministic.
 */
final class RowSorter {
  /** One ORDER BY key. */
  record Key(FieldPath path, boolean descending, boolean nullsFirst) {}

  private RowSorter() {}

  /** Sorts {@code rows[0..n)} in place. */
  static void sort(int[] rows, int n, List<Key> keys, ObjectTable table) {
    int k = keys.size();
    // The audit date-times of the queried object are never null: keep them as primitive longs.
    long[][] longColumns = new long[k][];
    Object[][] columns = new Object[k][];
    @SuppressWarnings("unchecked")
    Comparator<Object>[] comparators = new Comparator[k];
    for (int j = 0; j < k; j++) {
      Key key = keys.get(j);
      boolean modstamp =
          isOwn(key.path(), SObjectSchema.SYSTEM_MODSTAMP, SObjectSchema.LAST_MODIFIED_DATE);
      boolean created = isOwn(key.path(), SObjectSchema.CREATED_DATE, SObjectSchema.CREATED_DATE);
      if (modstamp || created) {
        long[] col = new long[n];
        for (int i = 0; i < n; i++) {
          col[i] = modstamp ? table.systemModstamp(rows[i]) : table.createdDate(rows[i]);
        }
        longColumns[j] = col;
      } else {
        Object[] col = new Object[n];
        for (int i = 0; i < n; i++) {
          col[i] = key.path().value(rows[i]);
        }
        columns[j] = col;
        comparators[j] = comparator(key.path().type());
      }
    }
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      pos[i] = i;
    }
    IntComparator cmp =
        (a, b) -> {
          for (int j = 0; j < k; j++) {
            Key key = keys.get(j);
            int c;
            if (longColumns[j] != null) {
              c = Long.compare(longColumns[j][a], longColumns[j][b]);
            } else {
              Object x = columns[j][a];
              Object y = columns[j][b];
              if (x == null || y == null) {
                if (x == y) {
                  continue;
                }
                return (x == null) == key.nullsFirst() ? -1 : 1;
              }
              c = comparators[j].compare(x, y);
            }
            if (c != 0) {
              return key.descending() ? -c : c;
            }
          }
          return 0;
        };
    mergeSort(pos, new int[n], 0, n, cmp);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = rows[pos[i]];
    }
    System.arraycopy(sorted, 0, rows, 0, n);
  }

  private static boolean isOwn(FieldPath p, String a, String b) {
    return p.isOwn() && (p.field().name().equals(a) || p.field().name().equals(b));
  }

  /** Text sorts case-insensitively in Salesforce (English locale); Ids sort as written. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> comparator(FieldType t) {
    if (t.isText() && t != FieldType.ID && t != FieldType.REFERENCE) {
      return (a, b) -> {
        int c = String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
        return c != 0 ? c : ((String) a).compareTo((String) b);
      };
    }
    if (t.isNumber()) {
      return (a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    return (a, b) -> ((Comparable) a).compareTo(b);
  }

  @FunctionalInterface
  private interface IntComparator {
    int compare(int a, int b);
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
    if (to - from < 2) {
      return;
    }
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }
}
