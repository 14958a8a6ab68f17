package io.orgvault.engine.store;

import io.orgvault.engine.crypto.DataKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes the record versions of one object for one backup, in any order, with bounded memory: rows
 * are encoded as they arrive and buffered up to a byte budget, then sorted by Id and written as one
 * segment (a sorted run). A large input therefore yields several segments; reads merge them.
 *
 * <p>Within one buffer an Id seen twice keeps its newest version: the higher SystemModstamp, or on
 * a tie the one added last. Across buffers both versions are kept and resolved the same way at read
 * time.
 */
public final class ObjectWriter {
  /** Default buffer budget: the encoded size of the rows held before a segment is written. */
  public static final long DEFAULT_BUFFER_BYTES = 64L * 1024 * 1024;

  /** Accounting overhead per buffered row (object headers, list slot), added to its encoding. */
  static final int ROW_OVERHEAD_BYTES = 96;

  private final String objectName;
  private final List<FieldSchema> schema;
  private final FieldDictionary dictionary;
  private final long bufferBytes;
  private final StorageIo io;
  private final Path segmentsDir;
  private final DataKey key;
  private final SecureRandom random;
  private final List<SegmentWriter.Written> written = new ArrayList<>();
  private final List<EncodedRow> buffer = new ArrayList<>();
  private final ByteWriter scratch = new ByteWriter(4096);
  private long buffered;
  private long maxModstamp = Long.MIN_VALUE;
  private long highWaterMark = Long.MIN_VALUE;
  private boolean finished;
  private boolean broken;

  ObjectWriter(
      String objectName,
      List<FieldSchema> schema,
      long bufferBytes,
      StorageIo io,
      Path segmentsDir,
      DataKey key,
      SecureRandom random) {
    this.objectName = Names.requireObjectName(objectName);
    this.schema = List.copyOf(schema);
    this.dictionary = new FieldDictionary(this.schema);
    if (bufferBytes < 1) {
      throw new IllegalArgumentException("buffer budget must be positive");
    }
    this.bufferBytes = bufferBytes;
    this.io = io;
    this.segmentsDir = segmentsDir;
    this.key = key;
    this.random = random;
  }

  public String objectName() {
    return objectName;
  }

  List<FieldSchema> schema() {
    return schema;
  }

  /**
   * Adds one version. Its fields must be in this backup's schema with values of the matching type.
   *
   * @throws SchemaMismatchException naming the field and record otherwise
   */
  public void add(RecordVersion version) {
    requireUnbroken();
    if (finished) {
      throw new IllegalStateException("object " + objectName + " is already finished");
    }
    if (!version.objectName().equals(objectName)) {
      throw new IllegalArgumentException(
          "record of " + version.objectName() + " given to the writer of " + objectName);
    }
    scratch.reset();
    RowCodec.encode(version, dictionary, scratch);
    EncodedRow row =
        new EncodedRow(
            version.id(), version.systemModstamp(), version.isTombstone(), RowCodec.frame(scratch));
    buffer.add(row);
    buffered += row.bytes().length + ROW_OVERHEAD_BYTES;
    maxModstamp = Math.max(maxModstamp, version.systemModstamp());
    if (buffered >= bufferBytes) {
      flush();
    }
  }

  /**
   * Sets the high-water mark the next incremental backup of this object starts from. Without a call
   * it is the largest SystemModstamp added (or the previous backup's mark).
   */
  public void highWaterMark(long epochMillis) {
    this.highWaterMark = epochMillis;
  }

  long effectiveHighWaterMark() {
    return highWaterMark != Long.MIN_VALUE ? highWaterMark : maxModstamp;
  }

  /**
   * Writes what is buffered; after this the object takes no more rows. Call it when an object's
   * rows are done, so its last partial buffer leaves the heap before the next object fills its own;
   * the commit finishes any object still open.
   */
  public void finish() {
    requireUnbroken();
    if (!finished) {
      flush();
      finished = true;
    }
  }

  List<SegmentWriter.Written> segments() {
    return written;
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    // Stable sort: among equal Ids the order of arrival is kept, so "added last" is last.
    buffer.sort(Comparator.comparing(EncodedRow::id));
    List<EncodedRow> unique = new ArrayList<>(buffer.size());
    for (EncodedRow r : buffer) {
      int last = unique.size() - 1;
      if (last >= 0 && unique.get(last).id().equals(r.id())) {
        if (r.systemModstamp() >= unique.get(last).systemModstamp()) {
          unique.set(last, r);
        }
      } else {
        unique.add(r);
      }
    }
    buffer.clear();
    buffered = 0;
    try {
      written.add(
          SegmentWriter.write(io, segmentsDir, key, random, objectName, dictionary, unique));
    } catch (RuntimeException e) {
      broken = true; // the rows of the failed segment are gone: this backup must not commit
      throw e;
    }
  }

  private void requireUnbroken() {
    if (broken) {
      throw new IllegalStateException(
          "writing a segment of " + objectName + " failed earlier; this backup cannot commit");
    }
  }
}
