package io.orgvault.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes one backup: segments per object, file bodies, then the manifest as the commit point. Until
 * {@link #commit()} returns nothing of this backup is visible; {@link #close()} without a commit
 * removes the segments written so far (chunks are left to garbage collection, since an equal chunk
 * may belong to a committed backup).
 *
 * <p><b>Pending backups.</b> After {@link #keepPending}, the writer saves the backup's pending
 * state (see {@link PendingBackup}) after every segment of a {@linkplain ObjectWriter#resumable
 * resumable} object and after every object that finishes; {@link #close()} then keeps what the last
 * saved state references, so the next run can {@link #resume} it. The commit removes the pending
 * state.
 *
 * <p>Thread-safe for a run that writes several objects at once: each {@link ObjectWriter} belongs
 * to one thread, file bodies may be written from any thread, and commit or close come after every
 * object is done. A pending state is saved under this writer's lock, which is never taken while an
 * object writer's lock is held (object writers call back outside their own lock).
 */
public final class BackupWriter implements AutoCloseable {
  private final RecordStore store;
  private final VolumeLock lock;
  private final long number;
  private final String orgId;
  private final Manifest previous;
  private final Map<String, ObjectWriter> objects = new LinkedHashMap<>();
  private final Map<String, PendingBackup.PendingObject> adoptedComplete = new LinkedHashMap<>();
  private final Map<String, PendingBackup.PendingObject> adoptedPartial = new LinkedHashMap<>();
  private final Map<String, ObjectDescribe> describes = new LinkedHashMap<>();

  /** Segments the pending state on disk references: never removed while it does. */
  private Set<SegmentId> referenced = new HashSet<>();

  private String selection;
  private Instant pendingCreatedAt;
  private int pendingRuns;
  private boolean committing;
  private boolean pendingSaved;

  /** Read without the lock by body threads ({@link #writeBlob}); set under it. */
  private volatile boolean done;

  private Instant createdAt;
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

  public String orgId() {
    return orgId;
  }

  /** Whether the volume holds a pending state of this backup that a later run can continue. */
  public synchronized boolean pendingKept() {
    return pendingSaved;
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
   * Records the object's describe relationships and field rules for this backup's manifest. An
   * object this backup writes without them (a continued run that did not describe it again) keeps
   * those of the previous backup.
   */
  public synchronized void describe(String objectName, ObjectDescribe describe) {
    live();
    describes.put(Names.requireObjectName(objectName), describe);
  }

  private ObjectDescribe describeOf(String objectName, Manifest.ObjectEntry before) {
    ObjectDescribe d = describes.get(objectName);
    return d != null || before == null ? d : before.describe();
  }

  /**
   * Starts (once per object) the writer for {@code objectName} with this backup's describe schema.
   */
  public synchronized ObjectWriter object(String objectName, List<FieldSchema> schema) {
    live();
    if (objects.containsKey(objectName)) {
      throw new IllegalStateException(objectName + " was already started in this backup");
    }
    if (adoptedComplete.containsKey(objectName)) {
      throw new IllegalStateException(objectName + " was completed by an earlier run");
    }
    // An object in progress that is started again: its earlier segments are dropped.
    adoptedPartial.remove(objectName);
    ObjectWriter w = store.newObjectWriter(objectName, schema, concurrentObjects);
    w.withChangeIndex(previousSnapshot());
    return register(w);
  }

  /** The previous backup's state, which every row's change index entry records (null: none). */
  private Snapshot previousSnapshot() {
    return previous == null ? null : new Snapshot(store, previous);
  }

  /**
   * Continues an object the resumed pending backup has in progress: the writer holds its earlier
   * segments and resume position.
   *
   * @throws IllegalStateException if the pending backup has no such object in progress, or its
   *     schema differs from {@code schema} (start the object again with {@link #object} then)
   */
  public synchronized ObjectWriter resumeObject(String objectName, List<FieldSchema> schema) {
    live();
    PendingBackup.PendingObject p = adoptedPartial.get(objectName);
    if (p == null || !p.schema().equals(List.copyOf(schema))) {
      throw new IllegalStateException(objectName + " cannot be continued with this schema");
    }
    adoptedPartial.remove(objectName);
    ObjectWriter w = store.newObjectWriter(objectName, schema, concurrentObjects);
    w.withChangeIndex(previousSnapshot());
    w.continueFrom(
        p.segments().stream().map(SegmentWriter.Written::of).toList(), p.resumePosition());
    return register(w);
  }

  /**
   * The Ids of every version this backup has written for {@code objectName} so far (in earlier runs
   * of a continued object too), read back from its segments and given to {@code ids} one by one
   * (segment by segment, so Ids repeat when a version was written twice): nothing is held here.
   */
  public void idsWritten(String objectName, Consumer<String> ids) {
    ObjectWriter w;
    synchronized (this) {
      w = objects.get(objectName);
    }
    if (w == null) {
      return;
    }
    for (SegmentWriter.Written s : w.segments()) {
      try (SegmentReader r = store.openSegment(s.entry(number), objectName)) {
        r.rows().forEachRemaining(v -> ids.accept(v.id()));
      }
    }
  }

  private synchronized ObjectWriter register(ObjectWriter w) {
    w.afterSegment(this::segmentDone);
    objects.put(w.objectName(), w);
    return w;
  }

  /**
   * Sets the creation time the manifest records (default: the commit's wall clock). For tools that
   * import or replay backups and for tests that place backups on given days.
   */
  void createdAt(Instant at) {
    this.createdAt = at;
  }

  // ---------------------------------------------------------------- pending backups

  /**
   * The authenticated pending state an earlier run left for this backup number, if any.
   *
   * @throws StoreCorruptedException if it is damaged or fails authentication
   * @throws UnsupportedFormatVersionException if its version is unknown
   */
  public Optional<PendingBackup> pending() {
    live();
    return store.pendingStore().read(number);
  }

  /**
   * Takes over a pending backup read with {@link #pending()}: its complete objects become part of
   * this backup (do not start them again), its objects in progress can be continued with {@link
   * #resumeObject}.
   *
   * @throws IllegalArgumentException if it belongs to another backup number, base or org
   */
  public synchronized void resume(PendingBackup p) {
    live();
    String base = previous == null ? null : previous.mac();
    if (p.backupNumber() != number
        || !java.util.Objects.equals(p.previousMac(), base)
        || !p.orgId().equals(orgId)) {
      throw new IllegalArgumentException(
          "the pending state of backup " + p.backupNumber() + " does not continue this backup");
    }
    for (PendingBackup.PendingObject o : p.objects()) {
      (o.complete() ? adoptedComplete : adoptedPartial).put(o.name(), o);
      o.segments().forEach(s -> referenced.add(s.id()));
    }
    pendingSaved = true;
  }

  /** How many of the segments {@code p} lists are not on the volume (0 for a state to continue). */
  public long missingSegments(PendingBackup p) {
    return p.objects().stream()
        .flatMap(o -> o.segments().stream())
        .filter(s -> !java.nio.file.Files.exists(segmentPath(s.id())))
        .count();
  }

  /**
   * Removes the pending state of this backup number (after a refusal or when it is too old): the
   * segments of {@code known} (the state as read, when it could be read) are deleted now; chunks,
   * and the segments of a state that could not be read, are left to garbage collection.
   */
  public synchronized void abandonPending(PendingBackup known) {
    live();
    store.pendingStore().delete(number);
    if (known != null) {
      for (PendingBackup.PendingObject o : known.objects()) {
        o.segments().forEach(s -> DurableFile.discard(store.options().io(), segmentPath(s.id())));
      }
    }
    adoptedComplete.clear();
    adoptedPartial.clear();
    referenced = new HashSet<>();
    pendingSaved = false;
  }

  /**
   * From now on, saves the pending state as objects progress, so that a run that stops leaves a
   * backup the next run continues.
   *
   * @param selection the job's description of what it backs up (compared by the next run)
   * @param createdAt when the first run of this backup started
   * @param runs runs that worked on this backup, this one included
   */
  public synchronized void keepPending(String selection, Instant createdAt, int runs) {
    live();
    this.selection = java.util.Objects.requireNonNull(selection, "selection");
    this.pendingCreatedAt = java.util.Objects.requireNonNull(createdAt, "createdAt");
    this.pendingRuns = runs;
  }

  private synchronized void segmentDone() {
    if (selection != null && !committing && !done) {
      savePending();
    }
  }

  /** Writes the pending state durably, then removes segments it no longer references. */
  synchronized void savePending() {
    live();
    List<PendingBackup.PendingObject> state = new ArrayList<>(adoptedComplete.values());
    state.addAll(adoptedPartial.values());
    for (ObjectWriter w : objects.values()) {
      PendingBackup.PendingObject o = w.pendingView(number);
      if (o != null) {
        state.add(o);
      }
    }
    PendingBackup p =
        new PendingBackup(
            number,
            orgId,
            previous == null ? null : previous.mac(),
            pendingCreatedAt,
            Instant.now(),
            pendingRuns,
            selection,
            state);
    store.pendingStore().write(p);
    pendingSaved = true;
    Set<SegmentId> now = new HashSet<>();
    state.forEach(o -> o.segments().forEach(s -> now.add(s.id())));
    for (SegmentId id : referenced) {
      if (!now.contains(id)) {
        DurableFile.discard(store.options().io(), segmentPath(id));
      }
    }
    referenced = now;
  }

  private Path segmentPath(SegmentId id) {
    return store.segmentPath(id);
  }

  /** Stores a file body (deduplicated) and returns the reference its row holds. */
  public BlobRef writeBlob(InputStream body) throws IOException {
    live();
    return store.blobStore().write(body);
  }

  /**
   * The object's live records after this backup: the previous backup's count, plus the records this
   * backup's segments made live, minus those they deleted, from their change indexes (each row's
   * state in the previous backup is in its entry). Not recorded when the previous count is not
   * (manifests written before counts were) or a segment has no change index.
   */
  private long liveRecords(
      String object, Manifest.ObjectEntry before, List<Manifest.SegmentEntry> written) {
    long count = before == null ? 0 : before.liveRecords();
    if (count == Manifest.ObjectEntry.LIVE_NOT_RECORDED) {
      return count;
    }
    List<ChangeIndex.OfSegment> indexes = new ArrayList<>();
    for (Manifest.SegmentEntry s : written) {
      try (SegmentReader r = store.openSegment(s, object)) {
        if (!r.hasChangeIndex()) {
          return Manifest.ObjectEntry.LIVE_NOT_RECORDED;
        }
        indexes.add(
            new ChangeIndex.OfSegment(
                s.backup(), Set.of(), r.changeIndex(), store.rowModstamps(s, object)));
      }
    }
    long[] live = {count};
    ChangeMerge.forEach(
        indexes,
        (id, first, firstAt, last, lastAt) -> {
          boolean was = first.index().priorLive(firstAt);
          boolean now = !last.index().tombstone(lastAt);
          live[0] += (now ? 1 : 0) - (was ? 1 : 0);
        });
    return live[0];
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
                  o.name(),
                  o.schema(),
                  o.highWaterMark(),
                  0,
                  0,
                  o.segments(),
                  o.describe(),
                  o.liveRecords()));
        }
      }
      committing = true;
      for (PendingBackup.PendingObject o : adoptedComplete.values()) {
        Manifest.ObjectEntry before = result.get(o.name());
        List<Manifest.SegmentEntry> segments =
            new ArrayList<>(before == null ? List.of() : before.segments());
        segments.addAll(o.segments());
        long hwm = Math.max(o.highWaterMark(), before == null ? 0 : before.highWaterMark());
        result.put(
            o.name(),
            new Manifest.ObjectEntry(
                o.name(),
                o.schema(),
                hwm,
                o.rows(),
                o.tombstones(),
                segments,
                describeOf(o.name(), before),
                liveRecords(o.name(), before, o.segments())));
      }
      for (ObjectWriter w : objects.values()) {
        if (w.suspended()) {
          throw new IllegalStateException(
              w.objectName() + " was suspended: this backup cannot commit now");
        }
        w.finish();
        Manifest.ObjectEntry before = result.get(w.objectName());
        List<Manifest.SegmentEntry> segments =
            new ArrayList<>(before == null ? List.of() : before.segments());
        long rows = 0;
        long tombstones = 0;
        List<Manifest.SegmentEntry> own = new ArrayList<>();
        for (SegmentWriter.Written s : w.segments()) {
          own.add(
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
        segments.addAll(own);
        long hwm = w.effectiveHighWaterMark();
        if (before != null) {
          hwm = Math.max(hwm, before.highWaterMark());
        } else if (hwm == Long.MIN_VALUE) {
          hwm = 0;
        }
        result.put(
            w.objectName(),
            new Manifest.ObjectEntry(
                w.objectName(),
                w.schema(),
                hwm,
                rows,
                tombstones,
                segments,
                describeOf(w.objectName(), before),
                liveRecords(w.objectName(), before, own)));
      }
      Manifest m =
          new Manifest(
              number,
              store.tenantId(),
              orgId,
              createdAt != null ? createdAt : Instant.now(),
              previous == null ? null : previous.mac(),
              new ArrayList<>(result.values()),
              null);
      Manifest committed = store.manifests().commit(m);
      done = true;
      try {
        afterCommit(committed);
      } finally {
        lock.close();
      }
      return committed;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The pending state is spent once the manifest is durable; removing it and the segments of
   * objects in progress that the run did not continue is tidying: a crash here leaves a stale state
   * that the next backup or garbage collection removes.
   */
  private void afterCommit(Manifest committed) {
    Set<SegmentId> inManifest = new HashSet<>();
    committed.objects().forEach(o -> o.segments().forEach(s -> inManifest.add(s.id())));
    if (selection != null || !referenced.isEmpty()) {
      try {
        store.pendingStore().delete(number);
      } catch (StoreWriteException e) {
        return; // committed all the same; the stale state and its segments go at the next GC
      }
    }
    for (PendingBackup.PendingObject o : adoptedPartial.values()) {
      o.segments().forEach(s -> referenced.add(s.id()));
    }
    for (SegmentId id : referenced) {
      if (!inManifest.contains(id)) {
        DurableFile.discard(store.options().io(), segmentPath(id));
      }
    }
  }

  /**
   * Abandons the backup if it was not committed: segments are removed, except those the saved
   * pending state references (the next run continues from them).
   */
  @Override
  public synchronized void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      for (ObjectWriter w : objects.values()) {
        for (SegmentWriter.Written s : w.segments()) {
          if (!referenced.contains(s.id())) {
            DurableFile.discard(store.options().io(), store.segmentPath(s.id()));
          }
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
