package io.orgvault.engine.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes one {@link RecordVersion} as a row of a segment block and back. Each value carries a type
 * tag, so a row decodes without any schema: values keep the type they were written with.
 */
final class RowCodec {
  static final int KIND_UPSERT = 0;
  static final int KIND_TOMBSTONE = 1;

  static final int TAG_NULL = 0;
  static final int TAG_STRING = 1;
  static final int TAG_FALSE = 2;
  static final int TAG_TRUE = 3;
  static final int TAG_LONG = 4;
  static final int TAG_DECIMAL = 5;
  static final int TAG_DATE = 6;
  static final int TAG_INSTANT = 7;
  static final int TAG_BLOB = 8;

  /** A blob of 2^20 chunks of 1 MiB is 1 TiB: any larger count is malformed. */
  static final int MAX_CHUNKS_PER_BLOB = 1 << 20;

  private RowCodec() {}

  /**
   * Appends the row for {@code v} to {@code out}, checking every field against {@code dict}.
   *
   * @throws SchemaMismatchException if a field is missing from the schema or has the wrong type
   */
  static void encode(RecordVersion v, FieldDictionary dict, ByteWriter out) {
    out.u8(v.isTombstone() ? KIND_TOMBSTONE : KIND_UPSERT);
    out.ascii(v.id());
    out.i64(v.systemModstamp());
    out.varint(v.fields().size());
    for (Map.Entry<String, Object> e : v.fields().entrySet()) {
      int i = dict.indexOf(e.getKey());
      if (i < 0) {
        throw new SchemaMismatchException(
            v.objectName()
                + "."
                + e.getKey()
                + " is not in the schema given for this backup (record "
                + v.id()
                + ")");
      }
      FieldSchema f = dict.get(i);
      if (!f.valueKind().accepts(e.getValue())) {
        throw new SchemaMismatchException(
            v.objectName()
                + "."
                + f.name()
                + " has type "
                + f.type()
                + " in this backup's schema, stored as "
                + f.valueKind().javaType().getSimpleName()
                + ", but record "
                + v.id()
                + " holds a "
                + e.getValue().getClass().getSimpleName());
      }
      out.varint(i);
      encodeValue(e.getValue(), out);
    }
  }

  private static void encodeValue(Object value, ByteWriter out) {
    if (value == null) {
      out.u8(TAG_NULL);
    } else if (value instanceof String) {
      out.u8(TAG_STRING).string((String) value);
    } else if (value instanceof Boolean) {
      out.u8((Boolean) value ? TAG_TRUE : TAG_FALSE);
    } else if (value instanceof Long) {
      out.u8(TAG_LONG).zigzag((Long) value);
    } else if (value instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) value;
      out.u8(TAG_DECIMAL).zigzag(d.scale()).lengthPrefixed(d.unscaledValue().toByteArray());
    } else if (value instanceof LocalDate) {
      out.u8(TAG_DATE).zigzag(((LocalDate) value).toEpochDay());
    } else if (value instanceof Instant) {
      Instant t = (Instant) value;
      out.u8(TAG_INSTANT).zigzag(t.getEpochSecond()).varint(t.getNano());
    } else if (value instanceof BlobRef) {
      BlobRef b = (BlobRef) value;
      out.u8(TAG_BLOB).bytes(b.bodyHash().bytes()).varint(b.length()).varint(b.chunks().size());
      for (ContentId c : b.chunks()) {
        out.bytes(c.bytes());
      }
    } else {
      throw new IllegalStateException("not a canonical value: " + value.getClass());
    }
  }

  /**
   * A row as stored in a block: its byte length as a varint, then the row. The length lets a point
   * lookup skip rows by their Id without decoding them.
   */
  static byte[] frame(ByteWriter row) {
    return new ByteWriter(row.size() + 5)
        .varint(row.size())
        .bytes(row.array(), 0, row.size())
        .toByteArray();
  }

  /** Reads one framed row; {@code dict} maps the row's field indexes to names. */
  static RecordVersion decodeFramed(ByteReader in, String objectName, FieldDictionary dict)
      throws ByteReader.Malformed {
    int length = in.count(in.remaining());
    int end = in.position() + length;
    RecordVersion v = decode(in, objectName, dict);
    if (in.position() != end) {
      throw new ByteReader.Malformed("row length differs from its frame");
    }
    return v;
  }

  /**
   * Skips framed rows until the one with {@code id}; returns true with the reader positioned at
   * that row's frame, or false at the end of the block.
   */
  static boolean seek(ByteReader in, String id) throws ByteReader.Malformed {
    while (!in.atEnd()) {
      int frameStart = in.position();
      int length = in.count(in.remaining());
      if (length < 1 + RecordVersion.ID_LENGTH) {
        throw new ByteReader.Malformed("row shorter than its Id");
      }
      int rowStart = in.position();
      in.skip(1);
      if (in.ascii(RecordVersion.ID_LENGTH).equals(id)) {
        in.reset(frameStart);
        return true;
      }
      in.reset(rowStart);
      in.skip(length);
    }
    return false;
  }

  /** Reads one row body; {@code dict} maps the row's field indexes to names. */
  static RecordVersion decode(ByteReader in, String objectName, FieldDictionary dict)
      throws ByteReader.Malformed {
    int kind = in.u8();
    if (kind != KIND_UPSERT && kind != KIND_TOMBSTONE) {
      throw new ByteReader.Malformed("unknown row kind " + kind);
    }
    String id = in.ascii(RecordVersion.ID_LENGTH);
    long modstamp = in.i64();
    int n = in.count(dict.size());
    Map<String, Object> fields = new LinkedHashMap<>(n * 2);
    for (int k = 0; k < n; k++) {
      int i = in.count(dict.size() - 1);
      fields.put(dict.get(i).name(), decodeValue(in));
    }
    try {
      return new RecordVersion(
          objectName,
          id,
          modstamp,
          kind == KIND_TOMBSTONE ? RecordVersion.Kind.TOMBSTONE : RecordVersion.Kind.UPSERT,
          fields);
    } catch (IllegalArgumentException e) {
      throw new ByteReader.Malformed("invalid row: " + e.getMessage());
    }
  }

  private static Object decodeValue(ByteReader in) throws ByteReader.Malformed {
    int tag = in.u8();
    switch (tag) {
      case TAG_NULL:
        return null;
      case TAG_STRING:
        return in.string();
      case TAG_FALSE:
        return Boolean.FALSE;
      case TAG_TRUE:
        return Boolean.TRUE;
      case TAG_LONG:
        return in.zigzag();
      case TAG_DECIMAL:
        {
          long scale = in.zigzag();
          if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
            throw new ByteReader.Malformed("decimal scale out of range");
          }
          byte[] unscaled = in.lengthPrefixed();
          if (unscaled.length == 0) {
            throw new ByteReader.Malformed("empty decimal");
          }
          return new BigDecimal(new BigInteger(unscaled), (int) scale);
        }
      case TAG_DATE:
        try {
          return LocalDate.ofEpochDay(in.zigzag());
        } catch (java.time.DateTimeException e) {
          throw new ByteReader.Malformed("date out of range");
        }
      case TAG_INSTANT:
        try {
          long seconds = in.zigzag();
          return Instant.ofEpochSecond(seconds, in.count(999_999_999));
        } catch (java.time.DateTimeException e) {
          throw new ByteReader.Malformed("instant out of range");
        }
      case TAG_BLOB:
        {
          ContentId body = ContentId.of(in.bytes(ContentId.BYTES));
          long length = in.varint();
          if (length < 0) {
            throw new ByteReader.Malformed("negative blob length");
          }
          int n = in.count(MAX_CHUNKS_PER_BLOB);
          List<ContentId> chunks = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            chunks.add(ContentId.of(in.bytes(ContentId.BYTES)));
          }
          return new BlobRef(body, length, chunks);
        }
      default:
        throw new ByteReader.Malformed("unknown value tag " + tag);
    }
  }
}
