package io.orgvault.engine.store;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.DataKey;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * Reads one segment: checks header and trailer, authenticates the footer at open, then decrypts
 * blocks on demand. Rows stream block by block; a point lookup consults the Id filter, then the
 * block index, and decrypts one block. Positional reads only, so one reader may serve several
 * iterators.
 */
final class SegmentReader implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final byte[] header;
  private final byte[] blockKey;
  private final SegmentFooter footer;
  private TextIndex textIndex;
  private ChangeIndex changeIndex;
  private final DataKey key;

  private SegmentReader(
      Path file,
      FileChannel channel,
      byte[] header,
      byte[] blockKey,
      SegmentFooter footer,
      DataKey key) {
    this.key = key;
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.blockKey = blockKey;
    this.footer = footer;
  }

  /**
   * Opens {@code file}, which must be segment {@code expectedId} of {@code expectedObject}.
   *
   * @throws StoreCorruptedException naming the damaged region
   * @throws UnsupportedFormatVersionException for a segment written by a newer format
   */
  static SegmentReader open(Path file, SegmentId expectedId, String expectedObject, DataKey key) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new StoreCorruptedException(file, DamageKind.MISSING_FILE, -1, -1, "no such file");
    } catch (IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
    byte[] blockKey = null;
    try {
      long size = ch.size();
      if (size < SegmentFormat.HEADER_BYTES + SegmentFormat.TRAILER_BYTES) {
        throw new StoreCorruptedException(
            file, DamageKind.TRUNCATED, size, -1, "shorter than header and trailer");
      }
      byte[] header = read(file, ch, 0, SegmentFormat.HEADER_BYTES);
      byte[] trailer =
          read(file, ch, size - SegmentFormat.TRAILER_BYTES, SegmentFormat.TRAILER_BYTES);
      ByteReader h = new ByteReader(header);
      ByteReader t = new ByteReader(trailer);
      if (!Arrays.equals(h.bytes(4), SegmentFormat.MAGIC)) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 0, -1, "bad magic");
      }
      int version = h.u16();
      long footerOffset = t.i64();
      long footerSealed = t.u32();
      long footerPlain = t.u32();
      int trailerVersion = t.u16();
      int trailerReserved = t.u16();
      byte[] trailerMagic = t.bytes(4);
      long trailerAt = size - SegmentFormat.TRAILER_BYTES;
      if (!Arrays.equals(trailerMagic, SegmentFormat.TRAILER_MAGIC)) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_TRAILER, trailerAt + 20, -1, "bad trailer magic (truncated?)");
      }
      if (version != trailerVersion) {
        // Header and trailer disagree: damage, not a newer format.
        throw new StoreCorruptedException(
            file, DamageKind.BAD_HEADER, 4, -1, "header and trailer versions differ");
      }
      if (!SegmentFormat.readable(version)) {
        throw new UnsupportedFormatVersionException(file, version, SegmentFormat.VERSION);
      }
      if (h.u16() != 0) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 6, -1, "unknown flags");
      }
      if (!Arrays.equals(h.bytes(SegmentId.BYTES), expectedId.bytes())) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_HEADER, 8, -1, "segment id differs from the file name");
      }
      if (trailerReserved != 0) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_TRAILER, trailerAt + 18, -1, "reserved bytes are not zero");
      }
      if (footerOffset < SegmentFormat.HEADER_BYTES
          || footerOffset + footerSealed != trailerAt
          || footerSealed < AesGcm.TAG_BYTES
          || footerPlain > SegmentFormat.MAX_PLAIN_BYTES) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_TRAILER, trailerAt, -1, "footer position does not fit the file");
      }
      blockKey = key.segmentBlockKey(expectedId.bytes());
      byte[] sealed = read(file, ch, footerOffset, (int) footerSealed);
      byte[] nonce = SegmentFormat.nonce(SegmentFormat.NONCE_KIND_FOOTER, 0);
      byte[] bound = Arrays.copyOf(trailer, SegmentFormat.TRAILER_BOUND_BYTES);
      byte[] compressed;
      try {
        compressed = AesGcm.open(blockKey, nonce, SegmentFormat.aad(header, nonce, bound), sealed);
      } catch (AEADBadTagException e) {
        throw new StoreCorruptedException(
            file,
            DamageKind.FOOTER_UNREADABLE,
            footerOffset,
            -1,
            "footer fails authentication (damaged footer or trailer)");
      }
      SegmentFooter footer;
      try {
        footer = SegmentFooter.decode(decompress(compressed, (int) footerPlain), version);
        checkIndex(footer, footerOffset, expectedObject);
      } catch (ByteReader.Malformed | ZstdException e) {
        throw new StoreCorruptedException(
            file, DamageKind.FOOTER_UNREADABLE, footerOffset, -1, "footer: " + e.getMessage());
      }
      return new SegmentReader(file, ch, header, blockKey, footer, key);
    } catch (ByteReader.Malformed e) {
      closeQuietly(ch, blockKey);
      throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 0, -1, e.getMessage());
    } catch (IOException e) {
      closeQuietly(ch, blockKey);
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch, blockKey);
      throw e;
    }
  }

  private static void checkIndex(SegmentFooter f, long footerOffset, String expectedObject)
      throws ByteReader.Malformed {
    if (expectedObject != null && !expectedObject.equals(f.objectName())) {
      throw new ByteReader.Malformed(
          "holds object " + f.objectName() + ", expected " + expectedObject);
    }
    long expected = SegmentFormat.HEADER_BYTES;
    long rows = 0;
    String previous = null;
    for (SegmentFooter.BlockEntry b : f.blocks()) {
      if (b.offset() != expected || b.sealedLength() < AesGcm.TAG_BYTES || b.rows() < 1) {
        throw new ByteReader.Malformed("block index entries do not tile the file");
      }
      if (previous != null && previous.compareTo(b.firstId()) >= 0) {
        throw new ByteReader.Malformed("block index is not in Id order");
      }
      previous = b.firstId();
      expected += b.sealedLength();
      rows += b.rows();
    }
    if (f.textIndex() != null) {
      if (f.textIndex().offset() != expected || f.textIndex().sealedLength() < AesGcm.TAG_BYTES) {
        throw new ByteReader.Malformed("text index section does not follow the blocks");
      }
      expected += f.textIndex().sealedLength();
    }
    if (f.changeIndex() != null) {
      if (f.changeIndex().offset() != expected
          || f.changeIndex().sealedLength() < AesGcm.TAG_BYTES) {
        throw new ByteReader.Malformed("change index section does not follow the text index");
      }
      expected += f.changeIndex().sealedLength();
    }
    if (expected != footerOffset || rows != f.rows() || f.blocks().isEmpty()) {
      throw new ByteReader.Malformed("block index does not match the footer position or counts");
    }
  }

  SegmentFooter footer() {
    return footer;
  }

  Path file() {
    return file;
  }

  /** Decrypts, decompresses and returns block {@code n}'s row bytes. */
  byte[] blockBytes(int n) {
    SegmentFooter.BlockEntry b = footer.blocks().get(n);
    byte[] sealed;
    try {
      sealed = read(file, channel, b.offset(), b.sealedLength());
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    byte[] nonce = SegmentFormat.nonce(SegmentFormat.NONCE_KIND_BLOCK, n);
    try {
      byte[] compressed =
          AesGcm.open(blockKey, nonce, SegmentFormat.aad(header, nonce, new byte[0]), sealed);
      return decompress(compressed, b.plainLength());
    } catch (AEADBadTagException e) {
      throw new StoreCorruptedException(
          file, DamageKind.BLOCK_UNREADABLE, b.offset(), n, "block fails authentication");
    } catch (ZstdException | ByteReader.Malformed e) {
      throw new StoreCorruptedException(
          file, DamageKind.BLOCK_UNREADABLE, b.offset(), n, "block: " + e.getMessage());
    }
  }

  /** True if the segment has a text index (format version 2). */
  boolean hasTextIndex() {
    return footer.textIndex() != null;
  }

  /**
   * The segment's text index, authenticated and checked on first use.
   *
   * @throws IllegalStateException for a version-1 segment (see {@link #hasTextIndex})
   * @throws StoreCorruptedException ({@link DamageKind#TEXT_INDEX_UNREADABLE}) if it is damaged
   */
  synchronized TextIndex textIndex() {
    if (textIndex != null) {
      return textIndex;
    }
    SegmentFooter.Section s = footer.textIndex();
    if (s == null) {
      throw new IllegalStateException(file + " is a version-1 segment without a text index");
    }
    textIndex =
        openSection(
            s,
            SegmentFormat.NONCE_KIND_TEXT_INDEX,
            DamageKind.TEXT_INDEX_UNREADABLE,
            plain -> TextIndex.decode(plain, footer.rows()));
    return textIndex;
  }

  /** Authenticates and decodes the text index if the segment has one; returns its damage. */
  Optional<StoreCorruptedException> checkTextIndex() {
    if (!hasTextIndex()) {
      return Optional.empty();
    }
    try {
      textIndex();
      return Optional.empty();
    } catch (StoreCorruptedException e) {
      return Optional.of(e);
    }
  }

  /** True if the segment has a change index (format version 3, written by a backup). */
  boolean hasChangeIndex() {
    return footer.changeIndex() != null;
  }

  /**
   * The segment's change index, authenticated and checked on first use (not against the rows: see
   * {@link #checkAllBlocks}).
   *
   * @throws IllegalStateException if the segment has none (see {@link #hasChangeIndex})
   * @throws StoreCorruptedException ({@link DamageKind#CHANGE_INDEX_UNREADABLE}) if it is damaged
   */
  synchronized ChangeIndex changeIndex() {
    if (changeIndex != null) {
      return changeIndex;
    }
    SegmentFooter.Section s = footer.changeIndex();
    if (s == null) {
      throw new IllegalStateException(file + " has no change index");
    }
    changeIndex =
        openSection(
            s,
            SegmentFormat.NONCE_KIND_CHANGE_INDEX,
            DamageKind.CHANGE_INDEX_UNREADABLE,
            plain -> ChangeIndex.decode(plain, footer.rows()));
    return changeIndex;
  }

  /** Decodes a section's plaintext; a malformed one is reported as the section's damage. */
  private interface SectionDecoder<T> {
    T decode(byte[] plain) throws ByteReader.Malformed;
  }

  /**
   * Reads, authenticates (nonce of {@code nonceKind}, the header as associated data), decompresses
   * and decodes a sealed footer section; any failure is {@code damage}.
   */
  private <T> T openSection(
      SegmentFooter.Section s, int nonceKind, DamageKind damage, SectionDecoder<T> decoder) {
    byte[] sealed;
    try {
      sealed = read(file, channel, s.offset(), s.sealedLength());
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    byte[] nonce = SegmentFormat.nonce(nonceKind, 0);
    try {
      byte[] compressed =
          AesGcm.open(blockKey, nonce, SegmentFormat.aad(header, nonce, new byte[0]), sealed);
      return decoder.decode(decompress(compressed, s.plainLength()));
    } catch (AEADBadTagException e) {
      throw new StoreCorruptedException(file, damage, s.offset(), -1, "fails authentication");
    } catch (ZstdException | ByteReader.Malformed e) {
      throw new StoreCorruptedException(file, damage, s.offset(), -1, e.getMessage());
    }
  }

  /**
   * Compares the change index, if any, with the segment's rows: every row must have its entry (Id,
   * kind, SystemModstamp, whether it holds all fields, and with {@code withDigests} its digest).
   * Returns the first difference or damage of the index; damaged blocks are skipped (they are
   * reported as such by {@link #checkAllBlocks}).
   */
  Optional<StoreCorruptedException> checkChangeIndex(boolean withDigests) {
    List<StoreCorruptedException> found = checkRows(true, withDigests);
    return found.stream().filter(e -> e.kind() == DamageKind.CHANGE_INDEX_UNREADABLE).findFirst();
  }

  /**
   * Authenticates and decodes every block and, if {@code changes}, compares the change index with
   * the rows on the way (one pass): block damages, then at most one change index damage.
   */
  List<StoreCorruptedException> checkRows(boolean changes, boolean withDigests) {
    List<StoreCorruptedException> damaged = new ArrayList<>();
    ChangeIndex index = null;
    StoreCorruptedException indexDamage = null;
    if (changes && hasChangeIndex()) {
      try {
        index = changeIndex();
      } catch (StoreCorruptedException e) {
        indexDamage = e;
      }
    }
    ChangeDigest digest =
        index == null ? null : new ChangeDigest(key.changeDigestMac(), footer.fields());
    int ordinal = 0;
    for (int n = 0; n < footer.blocks().size(); n++) {
      List<RecordVersion> rows;
      try {
        rows = block(n);
      } catch (StoreCorruptedException e) {
        damaged.add(e);
        ordinal += footer.blocks().get(n).rows();
        continue;
      }
      for (RecordVersion v : rows) {
        if (index != null
            && indexDamage == null
            && !index.describes(ordinal, v, digest, withDigests)) {
          indexDamage =
              new StoreCorruptedException(
                  file,
                  DamageKind.CHANGE_INDEX_UNREADABLE,
                  footer.changeIndex().offset(),
                  -1,
                  "entry " + ordinal + " does not describe its row");
        }
        ordinal++;
      }
    }
    if (indexDamage != null) {
      damaged.add(indexDamage);
    }
    return damaged;
  }

  /**
   * The Ids of the rows whose ordinals are set in {@code ordinals}, ascending, only those greater
   * than {@code afterId} (null: all); starts at the block that may hold the first of them and
   * decrypts only blocks holding a set ordinal.
   */
  Iterator<String> idsAt(BitSet ordinals, String afterId) {
    List<SegmentFooter.BlockEntry> blocks = footer.blocks();
    int startBlock = 0;
    if (afterId != null) {
      int lo = 0;
      int hi = blocks.size() - 1;
      while (lo < hi) { // the last block whose first Id <= afterId
        int mid = (lo + hi + 1) >>> 1;
        if (blocks.get(mid).firstId().compareTo(afterId) <= 0) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      startBlock = lo;
    }
    long first = 0;
    for (int i = 0; i < startBlock; i++) {
      first += blocks.get(i).rows();
    }
    long startOrdinal = first;
    int fromBlock = startBlock;
    return new Iterator<>() {
      private int ordinal = ordinals.nextSetBit((int) startOrdinal);
      private int block = -1;
      private long blockFirst;
      private ByteReader rows;
      private long rowsAt; // ordinal of the row rows is positioned at
      private String head;

      @Override
      public boolean hasNext() {
        while (head == null && ordinal >= 0 && ordinal < footer.rows()) {
          String id = idOf(ordinal);
          ordinal = ordinals.nextSetBit(ordinal + 1);
          if (afterId == null || id.compareTo(afterId) > 0) {
            head = id;
          }
        }
        return head != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String id = head;
        head = null;
        return id;
      }

      private String idOf(int target) {
        if (block < 0 || target >= blockFirst + blocks.get(block).rows()) {
          if (block < 0) {
            block = fromBlock;
            blockFirst = startOrdinal;
          }
          while (target >= blockFirst + blocks.get(block).rows()) {
            blockFirst += blocks.get(block).rows();
            block++;
          }
          rows = new ByteReader(blockBytes(block));
          rowsAt = blockFirst;
        }
        SegmentFooter.BlockEntry b = blocks.get(block);
        try {
          while (rowsAt < target) {
            int length = rows.count(rows.remaining());
            rows.skip(length);
            rowsAt++;
          }
          int frameStart = rows.position();
          int length = rows.count(rows.remaining());
          if (length < 1 + RecordVersion.ID_LENGTH) {
            throw new ByteReader.Malformed("row shorter than its Id");
          }
          rows.skip(1);
          String id = rows.ascii(RecordVersion.ID_LENGTH);
          rows.reset(frameStart);
          return id;
        } catch (ByteReader.Malformed e) {
          throw new StoreCorruptedException(
              file, DamageKind.BLOCK_MALFORMED, b.offset(), block, e.getMessage());
        }
      }
    };
  }

  /** Rows of block {@code n}, checked against its index entry. */
  List<RecordVersion> block(int n) {
    SegmentFooter.BlockEntry b = footer.blocks().get(n);
    byte[] bytes = blockBytes(n);
    ByteReader in = new ByteReader(bytes);
    List<RecordVersion> rows = new ArrayList<>(b.rows());
    try {
      String previous = null;
      while (!in.atEnd()) {
        RecordVersion v = RowCodec.decodeFramed(in, footer.objectName(), footer.fields());
        if (previous == null ? !v.id().equals(b.firstId()) : previous.compareTo(v.id()) >= 0) {
          throw new ByteReader.Malformed("rows out of Id order at " + v.id());
        }
        previous = v.id();
        rows.add(v);
      }
    } catch (ByteReader.Malformed e) {
      throw new StoreCorruptedException(
          file, DamageKind.BLOCK_MALFORMED, b.offset(), n, e.getMessage());
    }
    if (rows.size() != b.rows()) {
      throw new StoreCorruptedException(
          file, DamageKind.BLOCK_MALFORMED, b.offset(), n, "row count differs from the index");
    }
    return rows;
  }

  /** Authenticates and decodes every block; returns the damaged ones instead of stopping. */
  List<StoreCorruptedException> checkAllBlocks() {
    return checkRows(false, false);
  }

  /** All rows in Id order, one block in memory at a time. */
  Iterator<RecordVersion> rows() {
    return new Iterator<>() {
      private int nextBlock;
      private Iterator<RecordVersion> current = List.<RecordVersion>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && nextBlock < footer.blocks().size()) {
          current = block(nextBlock++).iterator();
        }
        return current.hasNext();
      }

      @Override
      public RecordVersion next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /**
   * The rows with an Id greater than {@code afterId}, in Id order: starts at the block that may
   * hold the first of them (block index), so a page deep into a segment does not decode the blocks
   * before it.
   */
  Iterator<RecordVersion> rowsAfter(String afterId) {
    List<SegmentFooter.BlockEntry> blocks = footer.blocks();
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo < hi) { // the last block whose first Id <= afterId
      int mid = (lo + hi + 1) >>> 1;
      if (blocks.get(mid).firstId().compareTo(afterId) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int start = lo;
    return new Iterator<>() {
      private int nextBlock = start;
      private Iterator<RecordVersion> current = List.<RecordVersion>of().iterator();
      private RecordVersion head;

      @Override
      public boolean hasNext() {
        while (head == null) {
          while (!current.hasNext() && nextBlock < blocks.size()) {
            current = block(nextBlock++).iterator();
          }
          if (!current.hasNext()) {
            return false;
          }
          RecordVersion v = current.next();
          if (v.id().compareTo(afterId) > 0) {
            head = v;
          }
        }
        return true;
      }

      @Override
      public RecordVersion next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RecordVersion v = head;
        head = null;
        return v;
      }
    };
  }

  /** The row for {@code id}, reading at most one block. */
  Optional<RecordVersion> get(String id) {
    if (id.compareTo(footer.minId()) < 0
        || id.compareTo(footer.maxId()) > 0
        || !footer.filter().mightContain(id)) {
      return Optional.empty();
    }
    List<SegmentFooter.BlockEntry> blocks = footer.blocks();
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo < hi) { // last block whose first Id <= id
      int mid = (lo + hi + 1) >>> 1;
      if (blocks.get(mid).firstId().compareTo(id) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    SegmentFooter.BlockEntry b = blocks.get(lo);
    ByteReader in = new ByteReader(blockBytes(lo));
    try {
      return RowCodec.seek(in, id)
          ? Optional.of(RowCodec.decodeFramed(in, footer.objectName(), footer.fields()))
          : Optional.empty();
    } catch (ByteReader.Malformed e) {
      throw new StoreCorruptedException(
          file, DamageKind.BLOCK_MALFORMED, b.offset(), lo, e.getMessage());
    }
  }

  @Override
  public void close() {
    closeQuietly(channel, blockKey);
  }

  private static void closeQuietly(FileChannel ch, byte[] key) {
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
    try {
      ch.close();
    } catch (IOException ignored) {
      // Read-only channel: nothing was written that a failed close could lose.
    }
  }

  private static byte[] decompress(byte[] compressed, int plainLength) throws ByteReader.Malformed {
    byte[] plain = Zstd.decompress(compressed, plainLength);
    if (plain.length != plainLength) {
      throw new ByteReader.Malformed(
          "decompressed to " + plain.length + " bytes, not " + plainLength);
    }
    return plain;
  }

  static byte[] read(Path file, FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new StoreCorruptedException(
            file,
            DamageKind.TRUNCATED,
            pos,
            -1,
            new EOFException("file ends before byte " + (position + length)).getMessage());
      }
      pos += n;
    }
    return buf.array();
  }
}
