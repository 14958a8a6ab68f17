package io.orgvault.engine.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The change index of one segment (format version 3): for every row, in row order, its Id, whether
 * it is a tombstone, the keyed digest of its values ({@link ChangeDigest}), and the record's state
 * in the backup before the one that wrote the segment (live or not, and the digest of that live
 * version). A compare between backups A and B classifies every record the segments of (A, B] hold
 * from these sections alone: the first version after A tells the state at A, the last up to B the
 * state at B (docs/compare.md). Sealed beside the blocks; layout in docs/store-format.md.
 */
public final class ChangeIndex {
  /**
   * Digest length. Short on purpose: different digests prove different values, equal digests are
   * confirmed by reading the two versions (a changed record has equal digests with probability
   * 2^-8), so the length trades such reads against store growth, never exactness. Digests only
   * decide records written more than once between two backups compared; a record written once is
   * decided by its exact {@link #changedFromPrior} flag.
   */
  public static final int DIGEST_BYTES = 1;

  /**
   * Fewest bytes one entry takes: two varints of its Id (the step of the high number, then the low
   * number or its step) and flags. Bounds the count a reader accepts before it allocates.
   */
  static final int MIN_ENTRY_BYTES = 1 + 1 + 1;

  static final int TOMBSTONE = 1;
  static final int HOLDS_ALL_FIELDS = 2;
  static final int PRIOR_LIVE = 4;
  static final int PRIOR_HOLDS_ALL_FIELDS = 8;
  static final int ID_SUFFIX_STORED = 16;
  static final int CHANGED_FROM_PRIOR = 32;
  private static final int KNOWN_FLAGS = 63;

  private final boolean priorHeldObject;
  private final String[] ids;
  private final byte[] flags;
  private final byte[] digests; // per entry: own digest, then prior digest

  private ChangeIndex(boolean priorHeldObject, String[] ids, byte[] flags, byte[] digests) {
    this.priorHeldObject = priorHeldObject;
    this.ids = ids;
    this.flags = flags;
    this.digests = digests;
  }

  /**
   * The change index of one segment of a backup, as a compare reads it.
   *
   * @param systemModstamp reads the SystemModstamp of the segment's row of an Id: the index does
   *     not keep them, as only two versions of one Id in one backup are ordered by them, which is
   *     rare
   */
  public record OfSegment(
      long backup,
      Set<String> fieldNames,
      ChangeIndex index,
      ToLongFunction<String> systemModstamp) {}

  /**
   * Whether the backup before the writing one held the object at all. If it did not, the prior
   * state of every row is "absent" even where an older backup had the record.
   */
  public boolean priorHeldObject() {
    return priorHeldObject;
  }

  public int size() {
    return ids.length;
  }

  public String id(int i) {
    return ids[i];
  }

  public boolean tombstone(int i) {
    return (flags[i] & TOMBSTONE) != 0;
  }

  /**
   * Whether the row's digest is kept: it holds every field of its segment (the digest covers all of
   * them) and the prior backup held the object (else no compare reads the digest).
   */
  public boolean holdsAllFields(int i) {
    return (flags[i] & HOLDS_ALL_FIELDS) != 0;
  }

  /** Whether the record was live in the backup before the one that wrote this row. */
  public boolean priorLive(int i) {
    return (flags[i] & PRIOR_LIVE) != 0;
  }

  /** Whether that prior live version held exactly this segment's fields (its digest is kept). */
  public boolean priorHoldsAllFields(int i) {
    return (flags[i] & PRIOR_HOLDS_ALL_FIELDS) != 0;
  }

  /**
   * Whether the values of row {@code i} differ from those of its prior live version, exactly (the
   * writer compared them in the canonical form the digests hash). Only for a row whose digest and
   * prior digest are both kept.
   */
  public boolean changedFromPrior(int i) {
    if (!holdsAllFields(i) || !priorHoldsAllFields(i)) {
      throw new IllegalStateException("digests cover other fields");
    }
    return (flags[i] & CHANGED_FROM_PRIOR) != 0;
  }

  /**
   * Whether the digest of row {@code i} of {@code later} and that of the prior version of row
   * {@code j} of {@code earlier} are equal. Different digests prove different values; equal ones
   * make equal values all but certain (confirm by reading them). Both digests must be kept ({@link
   * #holdsAllFields}, {@link #priorHoldsAllFields}), of segments with the same field names.
   */
  public static boolean sameDigests(ChangeIndex later, int i, ChangeIndex earlier, int j) {
    if (!later.holdsAllFields(i) || !earlier.priorHoldsAllFields(j)) {
      throw new IllegalStateException("digests cover other fields");
    }
    return Arrays.equals(
        later.digests,
        i * 2 * DIGEST_BYTES,
        i * 2 * DIGEST_BYTES + DIGEST_BYTES,
        earlier.digests,
        j * 2 * DIGEST_BYTES + DIGEST_BYTES,
        (j + 1) * 2 * DIGEST_BYTES);
  }

  /**
   * Builds the index of a segment as its rows are written, in Id order. The section is column-wise
   * (all Ids, then all flags, then the digests that are kept), each column coded relative to its
   * neighbours, so zstd finds what the rows share.
   */
  static final class Builder {
    private final ChangeDigest digest;
    private final Function<String, Optional<RecordVersion>> prior;
    private final ByteWriter ids;
    private final ByteWriter flags;
    private final ByteWriter suffixes = new ByteWriter(16);
    private final ByteWriter own;
    private final ByteWriter before;
    private long previousHigh;
    private long previousLow;
    private int count;

    /**
     * @param prior the live version at the previous backup of each Id, asked in ascending order;
     *     null if the previous backup does not hold the object (or there is none)
     */
    Builder(
        ChangeDigest digest, Function<String, Optional<RecordVersion>> prior, int expectedRows) {
      this.digest = digest;
      this.prior = prior;
      int rows = Math.max(64, expectedRows);
      this.ids = new ByteWriter(rows * 2); // grows as needed
      this.flags = new ByteWriter(rows);
      this.own = new ByteWriter(prior == null ? 16 : rows * DIGEST_BYTES);
      this.before = new ByteWriter(prior == null ? 16 : rows * DIGEST_BYTES);
    }

    void add(RecordVersion v) {
      int f = 0;
      if (v.isTombstone()) {
        f |= TOMBSTONE;
      } else if (prior != null && digest.holdsAllFields(v)) {
        f |= HOLDS_ALL_FIELDS;
        own.bytes(digest.of(v));
      }
      Optional<RecordVersion> was = prior == null ? Optional.empty() : prior.apply(v.id());
      if (was.isPresent()) {
        f |= PRIOR_LIVE;
        if (digest.holdsAllFields(was.get())) {
          f |= PRIOR_HOLDS_ALL_FIELDS;
          before.bytes(digest.of(was.get()));
          if ((f & HOLDS_ALL_FIELDS) != 0 && !digest.sameValues(v, was.get())) {
            f |= CHANGED_FROM_PRIOR;
          }
        }
      }
      String id = v.id();
      long high = PackedId.high(id);
      long low = PackedId.low(id);
      ids.varint(high - previousHigh).varint(high == previousHigh ? low - previousLow : low);
      previousHigh = high;
      previousLow = low;
      if (!PackedId.endsWithCaseChecksum(id)) {
        f |= ID_SUFFIX_STORED;
        suffixes.ascii(id.substring(RecordVersion.ID_LENGTH - PackedId.CASE_CHECKSUM_CHARS));
      }
      flags.u8(f);
      count++;
    }

    byte[] encode() {
      long total =
          (long) ids.size() + flags.size() + suffixes.size() + own.size() + before.size() + 11;
      if (total > SegmentFormat.MAX_CHANGE_INDEX_BYTES) {
        throw new IllegalStateException(
            "change index of " + total + " bytes exceeds " + SegmentFormat.MAX_CHANGE_INDEX_BYTES);
      }
      ByteWriter w = new ByteWriter((int) total); // 11: the marker and the count's varint
      w.u8(prior == null ? 0 : 1).varint(count);
      w.bytes(ids.array(), 0, ids.size());
      w.bytes(flags.array(), 0, flags.size());
      w.bytes(suffixes.array(), 0, suffixes.size());
      w.bytes(own.array(), 0, own.size());
      w.bytes(before.array(), 0, before.size());
      return w.toByteArray();
    }
  }

  /**
   * Decodes and checks a section: {@code rows} entries, Ids strictly ascending, a stored Id suffix
   * only where it is not the case checksum, only known flags and only the combinations a writer
   * makes, exactly the digests the flags call for, no trailing bytes.
   */
  static ChangeIndex decode(byte[] plain, long rows) throws ByteReader.Malformed {
    ByteReader r = new ByteReader(plain);
    int held = r.u8();
    if (held > 1) {
      throw new ByteReader.Malformed("unknown prior marker " + held);
    }
    long n = r.varint();
    if (n != rows || n < 0 || n > r.remaining() / MIN_ENTRY_BYTES) {
      throw new ByteReader.Malformed("entry count differs from the segment's rows");
    }
    int count = (int) n;
    String[] ids = new String[count];
    byte[] flags = new byte[count];
    byte[] digests = new byte[count * 2 * DIGEST_BYTES];
    long[] highs = new long[count];
    long[] lows = new long[count];
    long high = 0;
    long low = 0;
    for (int i = 0; i < count; i++) {
      long step = r.varint();
      long next = r.varint();
      if (step < 0 || step >= PackedId.HIGH_LIMIT - high) {
        throw new ByteReader.Malformed("Id out of range at entry " + i);
      }
      high += step;
      low = step == 0 ? low + next : next;
      if (next < 0 || low < 0 || low >= PackedId.LOW_LIMIT) {
        throw new ByteReader.Malformed("Id out of range at entry " + i);
      }
      highs[i] = high;
      lows[i] = low;
    }
    for (int i = 0; i < count; i++) {
      int f = r.u8();
      if ((f & ~KNOWN_FLAGS) != 0
          || ((f & TOMBSTONE) != 0 && (f & HOLDS_ALL_FIELDS) != 0)
          || (held == 0 && (f & HOLDS_ALL_FIELDS) != 0)
          || ((f & PRIOR_LIVE) == 0 && (f & PRIOR_HOLDS_ALL_FIELDS) != 0)
          || (held == 0 && (f & PRIOR_LIVE) != 0)
          || ((f & CHANGED_FROM_PRIOR) != 0
              && ((f & HOLDS_ALL_FIELDS) == 0 || (f & PRIOR_HOLDS_ALL_FIELDS) == 0))) {
        throw new ByteReader.Malformed("invalid flags at entry " + i);
      }
      flags[i] = (byte) f;
    }
    String previous = null;
    for (int i = 0; i < count; i++) {
      String first15 = PackedId.first15(highs[i], lows[i]);
      String checksum = PackedId.caseChecksum(first15);
      String suffix = checksum;
      if ((flags[i] & ID_SUFFIX_STORED) != 0) {
        suffix = r.ascii(PackedId.CASE_CHECKSUM_CHARS);
        if (suffix.equals(checksum)) {
          throw new ByteReader.Malformed("Id suffix stored without need at entry " + i);
        }
      }
      String id = first15 + suffix;
      try {
        RecordVersion.requireId(id);
      } catch (IllegalArgumentException e) {
        throw new ByteReader.Malformed("invalid Id at entry " + i);
      }
      if (previous != null && previous.compareTo(id) >= 0) {
        throw new ByteReader.Malformed("Ids out of order at entry " + i);
      }
      ids[i] = id;
      previous = id;
    }
    for (int i = 0; i < count; i++) {
      if ((flags[i] & HOLDS_ALL_FIELDS) != 0) {
        System.arraycopy(r.bytes(DIGEST_BYTES), 0, digests, i * 2 * DIGEST_BYTES, DIGEST_BYTES);
      }
    }
    for (int i = 0; i < count; i++) {
      if ((flags[i] & PRIOR_HOLDS_ALL_FIELDS) != 0) {
        System.arraycopy(
            r.bytes(DIGEST_BYTES), 0, digests, i * 2 * DIGEST_BYTES + DIGEST_BYTES, DIGEST_BYTES);
      }
    }
    if (!r.atEnd()) {
      throw new ByteReader.Malformed("trailing bytes after the change index");
    }
    for (int i = 0; i < count; i++) {
      // Equal values have equal digests.
      if ((flags[i] & (HOLDS_ALL_FIELDS | PRIOR_HOLDS_ALL_FIELDS | CHANGED_FROM_PRIOR))
              == (HOLDS_ALL_FIELDS | PRIOR_HOLDS_ALL_FIELDS)
          && !Arrays.equals(
              digests,
              i * 2 * DIGEST_BYTES,
              i * 2 * DIGEST_BYTES + DIGEST_BYTES,
              digests,
              i * 2 * DIGEST_BYTES + DIGEST_BYTES,
              (i + 1) * 2 * DIGEST_BYTES)) {
        throw new ByteReader.Malformed("unchanged row with different digests at entry " + i);
      }
    }
    return new ChangeIndex(held == 1, ids, flags, digests);
  }

  /**
   * Whether entry {@code i} describes row {@code v}: Id, kind, whether it holds all fields of the
   * segment ({@code digest} knows them), and, if {@code withDigest}, its digest. The writer's
   * re-read and {@code verify} compare every row with its entry.
   */
  boolean describes(int i, RecordVersion v, ChangeDigest digest, boolean withDigest) {
    if (i >= ids.length || !ids[i].equals(v.id()) || tombstone(i) != v.isTombstone()) {
      return false;
    }
    if (v.isTombstone()) {
      return true;
    }
    if (holdsAllFields(i) != (priorHeldObject && digest.holdsAllFields(v))) {
      return false;
    }
    return !withDigest
        || !holdsAllFields(i)
        || Arrays.equals(
            digest.of(v),
            0,
            DIGEST_BYTES,
            digests,
            i * 2 * DIGEST_BYTES,
            i * 2 * DIGEST_BYTES + DIGEST_BYTES);
  }
}
