package io.orgvault.engine.compare;

import io.orgvault.engine.store.BlobRef;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * When two stored values of one field count as the same: numbers by numeric value (so {@code 12.5}
 * and {@code 12.50}, or a whole number whose field became a decimal, are equal), file bodies by
 * their body hash and length, everything else by {@code equals}.
 */
public final class ValueEquality {
  private ValueEquality() {}

  public static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BlobRef x && b instanceof BlobRef y) {
      return x.bodyHash().equals(y.bodyHash()) && x.length() == y.length();
    }
    if ((a instanceof Long || a instanceof BigDecimal)
        && (b instanceof Long || b instanceof BigDecimal)) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    return Objects.equals(a, b);
  }

  private static BigDecimal decimal(Object n) {
    return n instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) n;
  }
}
