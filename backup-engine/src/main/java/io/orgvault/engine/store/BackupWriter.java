package io.orgvault.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one backup: segments per object, file bodies, then the manifest as the commit point. Until
 * {@link #commit()} returns nothing of this backup is visible; {@link #close()} without a commit
 * removes the segments written so far (chunks are left to garbage collection, since an equal chunk
 * may belong to a committed backup).
 *
 * <p>Thread-safe for a run that writes several objects at once: each {@link ObjectWriter} belongs
 * to one thread, file bodies may be written from any thread, and commit or close come after every
 * object is done.
 */
public final class BackupWriter implements AutoCloseable {
  private final RecordStore store;
  private final VolumeLock lock;
  private final long number;
  private final String orgId;
  private final Manifest previous;
  private final Map<String, ObjectWriter> objects = new LinkedHashMap<>();
  private boolean done;
  private int concurrentObjects = 1;

  BackupWriter(RecordStore store, VolumeLock lock, long number, String orgId, Manifest previous) {
    this.store = store;
    this.lock = lock;
    this.number = number;
    this.orgId = orgId;
    this.previous = previous;
  }

  public long backupNumber() {
    return number;
  }

  /** The previous committed backup, or null for the first. */
  public Manifest previous() {
    return previous;
  }

  /**
   * Declares that up to {@code n} objects are written at once: each object writer started after
   * this call buffers at most 1/n of the store's buffer budget, so the rows held on the heap stay
   * within the budget however many objects are open.
   */
  public synchronized void concurrentObjects(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one object at a time, got " + n);
    }
    concurrentObjects = n;
  }

  /**
   * Starts (once per object) the writer for {@code objectName} with this backup's describe schema.
   */
  public synchronized ObjectWriter object(String objectName, List<FieldSchema> schema) {
    live();
    if (objects.containsKey(objectName)) {
      throw new IllegalStateException(objectName + " was already started in this backup");
    }
    ObjectWriter w = store.newObjectWriter(objectName, schema, concurrentObjects);
    objects.put(objectName, w);
    return w;
  }

  /** Stores a file body (deduplicated) and returns the reference its row holds. */
  public BlobRef writeBlob(InputStream body) throws IOException {
    live();
    return store.blobStore().write(body);
  }

  /** Chunks this store has written and deduplicated since it was opened. */
  public long chunksStored() {
    return store.blobStore().chunksStored();
  }

  public long chunksDeduplicated() {
    return store.blobStore().chunksDeduplicated();
  }

  /**
   * Finishes every object and commits the manifest. Objects not written in this backup carry their
   * schema, segments and high-water mark over from the previous one.
   */
  public synchronized Manifest commit() {
    live();
    try {
      Map<String, Manifest.ObjectEntry> result = new TreeMap<>();
      if (previous != null) {
        for (Manifest.ObjectEntry o : previous.objects()) {
          result.put(
              o.name(),
              new Manifest.ObjectEntry(
                  o.name(), o.schema(), o.highWaterMark(), 0, 0, o.segments()));
        }
      }
      for (ObjectWriter w : objects.values()) {
        w.finish();
        Manifest.ObjectEntry before = result.get(w.objectName());
        List<Manifest.SegmentEntry> segments =
            new ArrayList<>(before == null ? List.of() : before.segments());
        long rows = 0;
        long tombstones = 0;
        for (SegmentWriter.Written s : w.segments()) {
          segments.add(
              new Manifest.SegmentEntry(
                  s.id(),
                  number,
                  s.rows(),
                  s.tombstones(),
                  s.minId(),
                  s.maxId(),
                  s.minModstamp(),
                  s.maxModstamp(),
                  s.bytes()));
          rows += s.rows();
          tombstones += s.tombstones();
        }
        long hwm = w.effectiveHighWaterMark();
        if (before != null) {
          hwm = Math.max(hwm, before.highWaterMark());
        } else if (hwm == Long.MIN_VALUE) {
          hwm = 0;
        }
        result.put(
            w.objectName(),
            new Manifest.ObjectEntry(w.objectName(), w.schema(), hwm, rows, tombstones, segments));
      }
      Manifest m =
          new Manifest(
              number,
              store.tenantId(),
              orgId,
              Instant.now(),
              previous == null ? null : previous.mac(),
              new ArrayList<>(result.values()),
              null);
      Manifest committed = store.manifests().commit(m);
      done = true;
      lock.close();
      return committed;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Abandons the backup if it was not committed. */
  @Override
  public synchronized void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      for (ObjectWriter w : objects.values()) {
        for (SegmentWriter.Written s : w.segments()) {
          Path p = store.segmentPath(s.id());
          DurableFile.discard(store.options().io(), p);
        }
      }
    } finally {
      lock.close();
    }
  }

  private synchronized void live() {
    if (done) {
      throw new IllegalStateException("backup " + number + " is already committed or closed");
    }
  }
}
