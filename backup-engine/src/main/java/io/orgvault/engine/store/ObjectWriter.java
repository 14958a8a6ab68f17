package io.orgvault.engine.store;

import io.orgvault.engine.crypto.DataKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes the record versions of one object for one backup, in any order, with bounded memory: rows
 * are encoded as they arrive and buffered up to a byte budget, then sorted by Id and written as one
 * segment (a sorted run). A large input therefore yields several segments; reads merge them.
 *
 * <p>Within one buffer an Id seen twice keeps its newest version: the higher SystemModstamp, or on
 * a tie the one added last. Across buffers both versions are kept and resolved the same way at read
 * time.
 *
 * <p>For a pending backup (one the next run can continue), a writer made {@link
 * #resumable(Supplier)} records with every segment where the object's extraction stands once that
 * segment's rows are durable, and the backup writer saves its pending state after each segment.
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
  private boolean suspended;
  private Supplier<String> positionSource;
  private String position;
  private Runnable afterSegment = () -> {};

  /** Whether segments get a change index (a backup's writer; not a compaction's). */
  private boolean changeIndex;

  /** The previous backup, for the change index; null if there is none. */
  private Snapshot previous;

  /** The segment format version written ({@link SegmentFormat#VERSION} outside tests). */
  private final int segmentFormat;

  ObjectWriter(
      String objectName,
      List<FieldSchema> schema,
      long bufferBytes,
      StorageIo io,
      Path segmentsDir,
      DataKey key,
      SecureRandom random,
      int segmentFormat) {
    this.objectName = Names.requireObjectName(objectName);
    this.segmentFormat = segmentFormat;
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

  /**
   * Continues the object of a pending backup: its segments written by earlier runs are part of this
   * writer's, and its resume position is the one they were saved with.
   */
  void continueFrom(List<SegmentWriter.Written> earlier, String resumePosition) {
    synchronized (this) {
      written.addAll(earlier);
      position = resumePosition;
    }
  }

  /**
   * Gives every segment a change index: each row's state in {@code previous} (null: the first
   * backup) is looked up when the segment is written, in Id order.
   */
  void withChangeIndex(Snapshot previous) {
    this.changeIndex = true;
    this.previous = previous;
  }

  /** Called (outside this writer's lock) after each segment this writer makes durable. */
  void afterSegment(Runnable listener) {
    this.afterSegment = listener;
  }

  /**
   * Makes the object continuable by a later run: after each segment, {@code position} is asked
   * where the extraction stands (every row added so far is then in a durable segment), and that
   * answer is saved with the pending backup. Without this call an object that did not finish is not
   * part of the pending state and a later run starts it again.
   */
  public void resumable(Supplier<String> position) {
    this.positionSource = position;
  }

  /**
   * Writes the rows added so far and stops the object where {@code resumePosition} says: the
   * pending backup records it as in progress, to be continued by a later run.
   */
  public void suspend(String resumePosition) {
    requireUnbroken();
    if (finished) {
      throw new IllegalStateException("object " + objectName + " is already finished");
    }
    flush(resumePosition);
    synchronized (this) {
      position = resumePosition;
      suspended = true;
      finished = true;
    }
    afterSegment.run();
  }

  /** What a pending backup records of this object: null when it has nothing to record. */
  synchronized PendingBackup.PendingObject pendingView(long backupNumber) {
    boolean complete = finished && !suspended;
    if (!complete && position == null) {
      return null;
    }
    List<Manifest.SegmentEntry> segments = new ArrayList<>();
    for (SegmentWriter.Written s : written) {
      segments.add(s.entry(backupNumber));
    }
    return new PendingBackup.PendingObject(
        objectName,
        schema,
        complete,
        complete ? effectiveHighWaterMarkOr(0) : 0,
        segments,
        complete ? null : position);
  }

  private long effectiveHighWaterMarkOr(long none) {
    long hwm = effectiveHighWaterMark();
    return hwm == Long.MIN_VALUE ? none : hwm;
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
    if (buffered >= bufferBytes && flush(null)) {
      afterSegment.run();
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
      flush(null);
      synchronized (this) {
        finished = true;
      }
      afterSegment.run();
    }
  }

  /** Whether the object was stopped by {@link #suspend} (it is not complete). */
  synchronized boolean suspended() {
    return suspended;
  }

  synchronized List<SegmentWriter.Written> segments() {
    return new ArrayList<>(written);
  }

  /**
   * Writes the buffer as a segment, if it holds rows.
   *
   * @param at the resume position the rows written end at, or null to ask the position source
   * @return whether a segment was written
   */
  private boolean flush(String at) {
    if (buffer.isEmpty()) {
      return false;
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
    SegmentWriter.Written segment;
    AscendingLookup lookup = null;
    try {
      SegmentWriter.Prior prior = null;
      if (changeIndex) {
        if (previous != null && previous.manifest().object(objectName).isPresent()) {
          lookup = previous.ascendingLookup(objectName);
          prior = new SegmentWriter.Prior(lookup::live);
        } else {
          prior = new SegmentWriter.Prior(null);
        }
      }
      segment =
          SegmentWriter.write(
              io, segmentsDir, key, random, objectName, dictionary, unique, segmentFormat, prior);
    } catch (RuntimeException e) {
      broken = true; // the rows of the failed segment are gone: this backup must not commit
      throw e;
    } finally {
      if (lookup != null) {
        lookup.close();
      }
    }
    // Every row added so far is now durable: this is where a later run can continue.
    String now = at != null ? at : positionSource == null ? null : positionSource.get();
    synchronized (this) {
      written.add(segment);
      if (now != null) {
        position = now;
      }
    }
    return true;
  }

  private void requireUnbroken() {
    if (broken) {
      throw new IllegalStateException(
          "writing a segment of " + objectName + " failed earlier; this backup cannot commit");
    }
  }
}
