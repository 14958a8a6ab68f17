package io.orgvault.engine.store;

import com.github.luben.zstd.Zstd;
import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.DataKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes one immutable segment from rows already sorted by Id (unique Ids), then re-reads and
 * authenticates every block before making it visible under its final name.
 */
final class SegmentWriter {
  private SegmentWriter() {}

  /** What a finished segment holds; becomes the manifest's segment entry. */
  record Written(
      SegmentId id,
      long rows,
      long tombstones,
      String minId,
      String maxId,
      long minModstamp,
      long maxModstamp,
      long bytes) {
    Manifest.SegmentEntry entry(long backup) {
      return new Manifest.SegmentEntry(
          id, backup, rows, tombstones, minId, maxId, minModstamp, maxModstamp, bytes);
    }

    static Written of(Manifest.SegmentEntry e) {
      return new Written(
          e.id(),
          e.rows(),
          e.tombstones(),
          e.minId(),
          e.maxId(),
          e.minModstamp(),
          e.maxModstamp(),
          e.bytes());
    }
  }

  /**
   * What the writer knows of the previous backup for the change index (format 3). {@code lookup}
   * gives the live version there of each Id, asked in ascending order; null when the previous
   * backup does not hold the object (or there is none).
   */
  record Prior(Function<String, Optional<RecordVersion>> lookup) {}

  /**
   * Writes in {@code version}: {@link SegmentFormat#VERSION}, or {@link SegmentFormat#VERSION_2} /
   * {@link SegmentFormat#VERSION_1} so tests can hold segments of the previous layouts. A version-3
   * segment gets a change index if {@code prior} is given (a backup's segment), none if it is null
   * (a compaction's merge, whose rows span several backups).
   */
  static Written write(
      StorageIo io,
      Path segmentsDir,
      DataKey key,
      SecureRandom random,
      String objectName,
      FieldDictionary fields,
      List<EncodedRow> sorted,
      int version,
      Prior prior) {
    if (!SegmentFormat.readable(version)) {
      throw new IllegalArgumentException("cannot write segment format version " + version);
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a segment holds at least one row");
    }
    boolean withChanges = version >= SegmentFormat.VERSION && prior != null;
    SegmentId id = SegmentId.random(random);
    Path target = segmentsDir.resolve(SegmentFormat.fileName(id));
    Path temp = DurableFile.tempFor(target);
    byte[] header = SegmentFormat.header(id, version);
    byte[] blockKey = key.segmentBlockKey(id.bytes());
    try {
      long size;
      long tombstones = 0;
      long minModstamp = Long.MAX_VALUE;
      long maxModstamp = Long.MIN_VALUE;
      try (StorageIo.OutputFile out = io.create(temp)) {
        out.write(ByteBuffer.wrap(header));
        List<SegmentFooter.BlockEntry> index = new ArrayList<>();
        IdFilter filter = IdFilter.forCount(sorted.size());
        ByteWriter block = new ByteWriter(SegmentFormat.BLOCK_TARGET_BYTES + 64 * 1024);
        String firstId = null;
        int blockRows = 0;
        String previous = null;
        TextIndex.Builder words = new TextIndex.Builder(fields);
        ChangeIndex.Builder changes =
            withChanges
                ? new ChangeIndex.Builder(
                    new ChangeDigest(key.changeDigestMac(), fields), prior.lookup(), sorted.size())
                : null;
        long ordinal = 0;
        for (EncodedRow row : sorted) {
          if (previous != null && previous.compareTo(row.id()) >= 0) {
            throw new IllegalArgumentException("rows are not sorted by unique Id at " + row.id());
          }
          previous = row.id();
          if (firstId == null) {
            firstId = row.id();
          }
          block.bytes(row.bytes());
          blockRows++;
          if (version >= SegmentFormat.VERSION_2) {
            RecordVersion decoded = decode(row, objectName, fields);
            words.add(ordinal, decoded);
            if (changes != null) {
              changes.add(decoded);
            }
          }
          ordinal++;
          filter.add(row.id());
          tombstones += row.tombstone() ? 1 : 0;
          minModstamp = Math.min(minModstamp, row.systemModstamp());
          maxModstamp = Math.max(maxModstamp, row.systemModstamp());
          if (block.size() >= SegmentFormat.BLOCK_TARGET_BYTES) {
            index.add(sealBlock(out, header, blockKey, index.size(), firstId, blockRows, block));
            firstId = null;
            blockRows = 0;
          }
        }
        if (blockRows > 0) {
          index.add(sealBlock(out, header, blockKey, index.size(), firstId, blockRows, block));
        }
        SegmentFooter.Section textIndex = null;
        if (version >= SegmentFormat.VERSION_2) {
          textIndex =
              sealSection(
                  out, header, blockKey, SegmentFormat.NONCE_KIND_TEXT_INDEX, words.encode());
        }
        SegmentFooter.Section changeIndex = null;
        if (changes != null) {
          changeIndex =
              sealSection(
                  out, header, blockKey, SegmentFormat.NONCE_KIND_CHANGE_INDEX, changes.encode());
        }
        SegmentFooter footer =
            new SegmentFooter(
                objectName,
                sorted.size(),
                tombstones,
                sorted.get(0).id(),
                sorted.get(sorted.size() - 1).id(),
                minModstamp,
                maxModstamp,
                fields,
                index,
                textIndex,
                changeIndex,
                filter);
        byte[] footerPlain = footer.encode(version);
        byte[] compressed = Zstd.compress(footerPlain, SegmentFormat.ZSTD_LEVEL);
        long footerOffset = out.position();
        int sealedLength = compressed.length + AesGcm.TAG_BYTES;
        byte[] bound =
            new ByteWriter(SegmentFormat.TRAILER_BOUND_BYTES)
                .i64(footerOffset)
                .u32(sealedLength)
                .u32(footerPlain.length)
                .toByteArray();
        byte[] nonce = SegmentFormat.nonce(SegmentFormat.NONCE_KIND_FOOTER, 0);
        byte[] sealed =
            AesGcm.seal(blockKey, nonce, SegmentFormat.aad(header, nonce, bound), compressed);
        out.write(ByteBuffer.wrap(sealed));
        byte[] trailer =
            new ByteWriter(SegmentFormat.TRAILER_BYTES)
                .bytes(bound)
                .u16(version)
                .u16(0)
                .bytes(SegmentFormat.TRAILER_MAGIC)
                .toByteArray();
        out.write(ByteBuffer.wrap(trailer));
        out.sync();
        size = out.position();
      }
      // Like restic: prove the bytes on disk decrypt and decode before anyone relies on them.
      try (SegmentReader check = SegmentReader.open(temp, id, objectName, key)) {
        // One pass over the rows checks the blocks and the change index entries (digests too).
        List<StoreCorruptedException> damaged = check.checkRows(true, true);
        check.checkTextIndex().ifPresent(damaged::add);
        if (withChanges != check.hasChangeIndex()) {
          throw new StoreCorruptedException(
              temp,
              DamageKind.CHANGE_INDEX_UNREADABLE,
              -1,
              -1,
              "change index presence differs on re-read");
        }
        if (!damaged.isEmpty()) {
          throw damaged.get(0);
        }
        if (check.footer().rows() != sorted.size() || Files.size(temp) != size) {
          throw new StoreCorruptedException(
              temp, DamageKind.COUNT_MISMATCH, -1, -1, "re-read after write disagrees");
        }
      }
      DurableFile.publish(io, temp, target);
      return new Written(
          id,
          sorted.size(),
          tombstones,
          sorted.get(0).id(),
          sorted.get(sorted.size() - 1).id(),
          minModstamp,
          maxModstamp,
          size);
    } catch (IOException e) {
      DurableFile.discard(io, temp);
      throw new StoreWriteException(target, e);
    } catch (RuntimeException e) {
      DurableFile.discard(io, temp);
      throw e;
    } finally {
      Arrays.fill(blockKey, (byte) 0);
    }
  }

  private static RecordVersion decode(EncodedRow row, String objectName, FieldDictionary fields) {
    try {
      return RowCodec.decodeFramed(new ByteReader(row.bytes()), objectName, fields);
    } catch (ByteReader.Malformed e) {
      throw new IllegalArgumentException("row " + row.id() + " does not decode: " + e.getMessage());
    }
  }

  /** Seals an index section after the blocks, under its own nonce kind, with the block key. */
  private static SegmentFooter.Section sealSection(
      StorageIo.OutputFile out, byte[] header, byte[] blockKey, int nonceKind, byte[] plain)
      throws IOException {
    byte[] compressed = Zstd.compress(plain, SegmentFormat.ZSTD_LEVEL);
    byte[] nonce = SegmentFormat.nonce(nonceKind, 0);
    byte[] sealed =
        AesGcm.seal(blockKey, nonce, SegmentFormat.aad(header, nonce, new byte[0]), compressed);
    long offset = out.position();
    out.write(ByteBuffer.wrap(sealed));
    return new SegmentFooter.Section(offset, sealed.length, plain.length);
  }

  private static SegmentFooter.BlockEntry sealBlock(
      StorageIo.OutputFile out,
      byte[] header,
      byte[] blockKey,
      long number,
      String firstId,
      int rows,
      ByteWriter block)
      throws IOException {
    byte[] plain = block.toByteArray();
    byte[] compressed = Zstd.compress(plain, SegmentFormat.ZSTD_LEVEL);
    byte[] nonce = SegmentFormat.nonce(SegmentFormat.NONCE_KIND_BLOCK, number);
    byte[] sealed =
        AesGcm.seal(blockKey, nonce, SegmentFormat.aad(header, nonce, new byte[0]), compressed);
    long offset = out.position();
    out.write(ByteBuffer.wrap(sealed));
    block.reset();
    return new SegmentFooter.BlockEntry(firstId, offset, sealed.length, plain.length, rows);
  }
}
