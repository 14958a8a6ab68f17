package io.orgvault.engine.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * The keyed digest of a record version's values that a change index keeps: HMAC-SHA256 under the
 * tenant's change-digest key over the fields in name order, each value in a canonical form, cut to
 * {@link ChangeIndex#DIGEST_BYTES}. Versions whose values compare counts as the same (compare's
 * {@code ValueEquality}: numbers by numeric value whatever their scale or type, {@code 5} and
 * {@code 5.0}; file bodies by body hash and length; everything else by equality) get equal digests,
 * so different digests prove a change; equal ones are confirmed from the rows. Not thread-safe (one
 * per segment writer).
 */
final class ChangeDigest {
  private final Mac mac;
  private final List<String> namesInOrder;
  private final ByteWriter buffer = new ByteWriter(4096);

  /**
   * @param fields the field list of the segment being written; digests cover exactly these names
   */
  ChangeDigest(Mac mac, FieldDictionary fields) {
    this.mac = mac;
    this.namesInOrder = fields.fields().stream().map(FieldSchema::name).sorted().toList();
  }

  /** Whether the version holds exactly the segment's fields (its digest then covers them all). */
  boolean holdsAllFields(RecordVersion v) {
    Map<String, Object> f = v.fields();
    if (f.size() != namesInOrder.size()) {
      return false;
    }
    for (String name : namesInOrder) {
      if (!f.containsKey(name)) {
        return false;
      }
    }
    return true;
  }

  /** The digest of a version that {@link #holdsAllFields holds all fields}. */
  byte[] of(RecordVersion v) {
    buffer.reset();
    Map<String, Object> f = v.fields();
    for (String name : namesInOrder) {
      buffer.string(name);
      canonical(f.get(name), buffer);
    }
    mac.update(buffer.array(), 0, buffer.size());
    return Arrays.copyOf(mac.doFinal(), ChangeIndex.DIGEST_BYTES);
  }

  /**
   * Whether two versions that both {@link #holdsAllFields hold all fields} have values compare
   * counts as the same: their canonical forms are equal byte for byte.
   */
  boolean sameValues(RecordVersion a, RecordVersion b) {
    Map<String, Object> fa = a.fields();
    Map<String, Object> fb = b.fields();
    ByteWriter x = new ByteWriter(64);
    ByteWriter y = new ByteWriter(64);
    for (String name : namesInOrder) {
      x.reset();
      y.reset();
      canonical(fa.get(name), x);
      canonical(fb.get(name), y);
      if (!Arrays.equals(x.array(), 0, x.size(), y.array(), 0, y.size())) {
        return false;
      }
    }
    return true;
  }

  /** A value in a form equal exactly for values compare counts as the same. */
  static void canonical(Object value, ByteWriter out) {
    if (value == null) {
      out.u8(RowCodec.TAG_NULL);
    } else if (value instanceof String s) {
      out.u8(RowCodec.TAG_STRING).string(s);
    } else if (value instanceof Boolean b) {
      out.u8(b ? RowCodec.TAG_TRUE : RowCodec.TAG_FALSE);
    } else if (value instanceof Long || value instanceof BigDecimal) {
      // One tag for both: a whole number equals a decimal of the same value.
      BigDecimal d =
          (value instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) value)
              .stripTrailingZeros();
      out.u8(RowCodec.TAG_DECIMAL)
          .zigzag(d.scale())
          .lengthPrefixed(d.unscaledValue().toByteArray());
    } else if (value instanceof LocalDate d) {
      out.u8(RowCodec.TAG_DATE).zigzag(d.toEpochDay());
    } else if (value instanceof Instant t) {
      out.u8(RowCodec.TAG_INSTANT).zigzag(t.getEpochSecond()).varint(t.getNano());
    } else if (value instanceof BlobRef b) {
      // The body, not where its chunks lie.
      out.u8(RowCodec.TAG_BLOB).bytes(b.bodyHash().bytes()).varint(b.length());
    } else {
      throw new IllegalArgumentException("no stored value type " + value.getClass().getName());
    }
  }
}
