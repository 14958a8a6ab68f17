package io.orgvault.engine.store;

import io.orgvault.engine.crypto.DataKey;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A tenant's encrypted record store on its volume: {@code segments/}, {@code blobs/}, {@code
 * manifests/}, {@code keys/}, and {@code pending/} for the state of a backup that runs are still
 * building ({@link #pendingBackup()}). The unwrapped data key lives in this object only and is
 * destroyed by {@link #close()}. Reads may run while a backup is being written; one backup (or
 * garbage collection) at a time per volume. The byte format is in docs/store-format.md.
 */
public final class RecordStore implements AutoCloseable {
  static final String SEGMENTS = "segments";
  static final String BLOBS = "blobs";
  static final String MANIFESTS = "manifests";
  static final String KEYS = "keys";

  private final Path volume;
  private final String tenantId;
  private final StoreOptions options;
  private final DataKey key;
  private final SecureRandom random = new SecureRandom();
  private final ManifestStore manifests;
  private final PruneLog pruneLog;
  private final BlobStore blobs;
  private final PendingStore pending;

  /** Segments kept open for point lookups: opening one authenticates and decodes its footer. */
  static final int OPEN_SEGMENTS_FOR_LOOKUP = 64;

  private volatile int segmentFormat = SegmentFormat.VERSION;

  private final Map<SegmentId, SegmentReader> lookupReaders =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SegmentId, SegmentReader> eldest) {
          if (size() > OPEN_SEGMENTS_FOR_LOOKUP) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  private RecordStore(Path volume, String tenantId, StoreOptions options, DataKey key) {
    this.volume = volume;
    this.tenantId = tenantId;
    this.options = options;
    this.key = key;
    this.manifests = new ManifestStore(volume.resolve(MANIFESTS), key, options.io(), tenantId);
    this.pruneLog = new PruneLog(volume.resolve(MANIFESTS), key, options.io(), tenantId);
    this.blobs = new BlobStore(volume.resolve(BLOBS), key, options.io(), random);
    this.pending =
        new PendingStore(volume.resolve(PendingStore.DIR), key, options.io(), tenantId, random);
  }

  /** Creates a new store: its directories and a fresh data key wrapped by {@code kek}. */
  public static RecordStore create(Path volume, String tenantId, KeyEncryptionKey kek) {
    return create(volume, tenantId, kek, StoreOptions.defaults());
  }

  public static RecordStore create(
      Path volume, String tenantId, KeyEncryptionKey kek, StoreOptions options) {
    requireTenant(tenantId);
    Path keyFile = volume.resolve(KEYS).resolve(WrappedDataKey.FILE_NAME);
    if (Files.exists(keyFile)) {
      throw new StoreException("a store already exists at " + volume);
    }
    try {
      Files.createDirectories(volume);
      for (String d : List.of(SEGMENTS, BLOBS, MANIFESTS, KEYS)) {
        Files.createDirectories(volume.resolve(d));
      }
      options.io().syncDirectory(volume);
    } catch (IOException e) {
      throw new StoreWriteException(volume, e);
    }
    DataKey key = DataKey.generate(new SecureRandom());
    try {
      WrappedDataKey.write(options.io(), keyFile, tenantId, kek, key);
    } catch (RuntimeException e) {
      key.destroy();
      throw e;
    }
    return new RecordStore(volume, tenantId, options, key);
  }

  /**
   * Opens an existing store.
   *
   * @throws WrongKeyException if {@code kek} or {@code tenantId} does not open its data key
   */
  public static RecordStore open(Path volume, String tenantId, KeyEncryptionKey kek) {
    return open(volume, tenantId, kek, StoreOptions.defaults());
  }

  public static RecordStore open(
      Path volume, String tenantId, KeyEncryptionKey kek, StoreOptions options) {
    requireTenant(tenantId);
    for (String d : List.of(SEGMENTS, BLOBS, MANIFESTS, KEYS)) {
      if (!Files.isDirectory(volume.resolve(d))) {
        throw new StoreException("no store at " + volume + " (missing " + d + "/)");
      }
    }
    DataKey key =
        WrappedDataKey.read(volume.resolve(KEYS).resolve(WrappedDataKey.FILE_NAME), tenantId, kek);
    return new RecordStore(volume, tenantId, options, key);
  }

  /**
   * Rotates the platform KEK for one store: unwraps the data key with {@code current} and rewraps
   * it with {@code next}, replacing {@code keys/data-key} atomically. No segment, blob or manifest
   * changes: they are encrypted under the data key, which stays the same.
   */
  public static void rotateKeyEncryptionKey(
      Path volume, String tenantId, KeyEncryptionKey current, KeyEncryptionKey next) {
    rotateKeyEncryptionKey(volume, tenantId, current, next, StoreOptions.defaults());
  }

  public static void rotateKeyEncryptionKey(
      Path volume,
      String tenantId,
      KeyEncryptionKey current,
      KeyEncryptionKey next,
      StoreOptions options) {
    Path keyFile = volume.resolve(KEYS).resolve(WrappedDataKey.FILE_NAME);
    try (VolumeLock lock = VolumeLock.acquire(volume);
        DataKey key = WrappedDataKey.read(keyFile, tenantId, current)) {
      WrappedDataKey.write(options.io(), keyFile, tenantId, next, key);
      // Prove the new file opens before the old KEK is retired.
      WrappedDataKey.read(keyFile, tenantId, next).destroy();
    }
  }

  private static void requireTenant(String tenantId) {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("a tenant id is required");
    }
  }

  public String tenantId() {
    return tenantId;
  }

  public Path volume() {
    return volume;
  }

  /** Committed backup numbers, ascending, without those a prune dropped. */
  public List<Long> backups() {
    List<Long> all = manifests.list();
    PruneLog.Loaded log = pruneLog.load().requireReadable();
    // A manifest a prune record dropped may still be on disk if the prune was interrupted before
    // deleting it; it is no longer a backup (garbage collection deletes it).
    all.removeIf(log::dropped);
    return all;
  }

  public OptionalLong latestBackup() {
    List<Long> all = backups();
    return all.isEmpty() ? OptionalLong.empty() : OptionalLong.of(all.get(all.size() - 1));
  }

  /**
   * The authenticated manifest of backup {@code n}, with the segment replacements of every prune
   * record applied (what compaction made of its segment lists; reads through it are unchanged).
   */
  public Manifest manifest(long n) {
    PruneLog.Loaded log = pruneLog.load().requireReadable();
    if (log.dropped(n)) {
      throw new IllegalArgumentException("backup " + n + " was dropped by retention");
    }
    return log.apply(manifests.read(n), pruneLog);
  }

  /**
   * Starts the next backup (latest + 1). Holds the volume's writer lock until commit or close.
   *
   * @throws StoreCorruptedException if the latest manifest cannot be authenticated (the chain
   *     cannot continue from it)
   */
  public BackupWriter beginBackup(String orgId) {
    Objects.requireNonNull(orgId, "orgId");
    VolumeLock lock = VolumeLock.acquire(volume);
    try {
      // A new manifest copies the previous one's segment list: it must be resolved exactly.
      pruneLog.load().requireIntact();
      OptionalLong latest = latestBackup();
      Manifest previous = latest.isPresent() ? manifest(latest.getAsLong()) : null;
      long number = latest.isPresent() ? latest.getAsLong() + 1 : 1;
      for (long n : pending.list()) {
        if (n != number) {
          // Left by a crash between a commit and the removal of its pending state: spent.
          pending.delete(n);
        }
      }
      return new BackupWriter(this, lock, number, orgId, previous);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * The authenticated state of the pending backup (the one after the latest committed backup) that
   * the next run continues, if an earlier run left one. Nothing of it is part of any snapshot.
   *
   * @throws StoreCorruptedException if it is damaged or fails authentication
   * @throws UnsupportedFormatVersionException if its version is unknown
   */
  public Optional<PendingBackup> pendingBackup() {
    return pending.read(latestBackup().orElse(0) + 1);
  }

  public Snapshot snapshot(long n) {
    return new Snapshot(this, manifest(n));
  }

  /**
   * Every recorded version of one record, oldest first, found through the segments' Id ranges, Id
   * filters and block indexes of the latest backup.
   */
  public List<HistoryEntry> history(String object, String id) {
    RecordVersion.requireId(id);
    OptionalLong latest = latestBackup();
    if (latest.isEmpty()) {
      return List.of();
    }
    Optional<Manifest.ObjectEntry> entry = manifest(latest.getAsLong()).object(object);
    if (entry.isEmpty()) {
      return List.of();
    }
    List<HistoryEntry> out = new ArrayList<>();
    for (Manifest.SegmentEntry s : entry.get().segments()) {
      lookup(s, object, id).ifPresent(v -> out.add(new HistoryEntry(s.backup(), v)));
    }
    out.sort(
        Comparator.comparingLong(HistoryEntry::backupNumber)
            .thenComparingLong(h -> h.version().systemModstamp()));
    return out;
  }

  /**
   * The newest version of every record of {@code object} that changed after backup {@code after} up
   * to backup {@code upTo}, tombstones included, in Id order. Reads only the segments those backups
   * wrote. {@code after} may be 0 (since the beginning).
   */
  public RecordStream changesBetween(long after, long upTo, String object) {
    if (after < 0 || after >= upTo) {
      throw new IllegalArgumentException("need 0 <= after < upTo, got " + after + ", " + upTo);
    }
    if (after > 0 && !backups().contains(after)) {
      throw new IllegalArgumentException("no backup " + after);
    }
    Optional<Manifest.ObjectEntry> entry = manifest(upTo).object(object);
    if (entry.isEmpty()) {
      return merge(List.of(), object, true);
    }
    List<Manifest.SegmentEntry> newer =
        entry.get().segments().stream().filter(s -> s.backup() > after).toList();
    return merge(newer, object, true);
  }

  /**
   * The change indexes of the segments of {@code object} that backups after {@code after} up to
   * {@code upTo} wrote, in manifest order (the order {@link #changesBetween} merges them in); empty
   * if one of them has none (written before segment format 3, or merged by compaction), or the
   * object is not in backup {@code upTo}.
   *
   * @throws StoreCorruptedException ({@link DamageKind#CHANGE_INDEX_UNREADABLE}) if one is damaged
   */
  public Optional<List<ChangeIndex.OfSegment>> changeIndexesBetween(
      long after, long upTo, String object) {
    return changeIndexesBetween(after, manifest(upTo), object);
  }

  /**
   * {@link #changeIndexesBetween(long, long, String)} with manifest {@code upTo} already read (as
   * {@link #manifest} gives it): a summary over many objects reads it once.
   */
  public Optional<List<ChangeIndex.OfSegment>> changeIndexesBetween(
      long after, Manifest upTo, String object) {
    if (after < 0 || after >= upTo.backupNumber()) {
      throw new IllegalArgumentException(
          "need 0 <= after < upTo, got " + after + ", " + upTo.backupNumber());
    }
    Optional<Manifest.ObjectEntry> entry = upTo.object(object);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    List<ChangeIndex.OfSegment> out = new ArrayList<>();
    for (Manifest.SegmentEntry s : entry.get().segments()) {
      if (s.backup() <= after) {
        continue;
      }
      try (SegmentReader r = openSegment(s, object)) {
        if (!r.hasChangeIndex()) {
          return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        r.footer().fields().fields().forEach(f -> names.add(f.name()));
        out.add(
            new ChangeIndex.OfSegment(
                s.backup(), Set.copyOf(names), r.changeIndex(), rowModstamps(s, object)));
      }
    }
    return Optional.of(out);
  }

  /** Reads the SystemModstamp of a segment's row of an Id, which its change index says it holds. */
  ToLongFunction<String> rowModstamps(Manifest.SegmentEntry s, String object) {
    return id -> {
      try (SegmentReader r = openSegment(s, object)) {
        return r.get(id)
            .orElseThrow(
                () ->
                    new StoreCorruptedException(
                        r.file(),
                        DamageKind.CHANGE_INDEX_UNREADABLE,
                        r.footer().changeIndex().offset(),
                        -1,
                        "names Id " + id + ", which no row has"))
            .systemModstamp();
      }
    };
  }

  /** Streams a file body back, authenticating every chunk and the whole body. */
  public InputStream openBlob(BlobRef ref) {
    return blobs.open(ref);
  }

  /** Re-reads and authenticates everything; reports every damage found. */
  public VerifyReport verify() {
    return new StoreVerifier(this).run();
  }

  /**
   * Removes temporary files, segments no manifest references and chunks no referenced row
   * references. Holds the writer lock, so it never races a backup.
   */
  public GcReport collectGarbage() {
    try (VolumeLock lock = VolumeLock.acquire(volume)) {
      return new GarbageCollector(this).run(liveManifests(), false);
    }
  }

  /**
   * Applies a retention policy and/or compaction, then collects garbage; see {@link Pruner}. Holds
   * the writer lock throughout. With {@link PruneOptions#dryRun()} nothing is written or deleted.
   */
  public PruneReport prune(PruneOptions options) {
    try (VolumeLock lock = VolumeLock.acquire(volume)) {
      return new Pruner(this, options).run();
    }
  }

  @Override
  public synchronized void close() {
    lookupReaders.values().forEach(SegmentReader::close);
    lookupReaders.clear();
    key.destroy();
  }

  @Override
  public String toString() {
    return "RecordStore[" + volume + ", tenant " + tenantId + "]";
  }

  // ---- package-private plumbing for the writer, snapshot, verifier and collector ----

  StoreOptions options() {
    return options;
  }

  DataKey key() {
    return key;
  }

  ManifestStore manifests() {
    return manifests;
  }

  PruneLog pruneLog() {
    return pruneLog;
  }

  /** Every backup's manifest as read (replacements applied); throws on any damage. */
  List<Manifest> liveManifests() {
    PruneLog.Loaded log = pruneLog.load().requireIntact();
    List<Manifest> out = new ArrayList<>();
    for (long n : manifests.list()) {
      if (!log.dropped(n)) {
        out.add(log.apply(manifests.read(n), pruneLog));
      }
    }
    return out;
  }

  SecureRandom random() {
    return random;
  }

  BlobStore blobStore() {
    return blobs;
  }

  PendingStore pendingStore() {
    return pending;
  }

  Path segmentsDir() {
    return volume.resolve(SEGMENTS);
  }

  Path segmentPath(SegmentId id) {
    return segmentsDir().resolve(SegmentFormat.fileName(id));
  }

  ObjectWriter newObjectWriter(String objectName, List<FieldSchema> schema, int share) {
    return new ObjectWriter(
        objectName,
        schema,
        Math.max(1, options.bufferBytes() / share),
        options.io(),
        segmentsDir(),
        key,
        random,
        segmentFormat);
  }

  /**
   * Tests only: segments written from now on use format {@code version} ({@link
   * SegmentFormat#VERSION_1} has no text index), so a store can hold the previous layout.
   */
  void writeSegmentsInFormat(int version) {
    segmentFormat = version;
  }

  SegmentReader openSegment(Manifest.SegmentEntry s, String object) {
    return SegmentReader.open(segmentPath(s.id()), s.id(), object, key);
  }

  Optional<RecordVersion> lookup(Manifest.SegmentEntry s, String object, String id) {
    if (id.compareTo(s.minId()) < 0 || id.compareTo(s.maxId()) > 0) {
      return Optional.empty();
    }
    synchronized (this) {
      SegmentReader r = lookupReaders.get(s.id());
      if (r == null) {
        r = openSegment(s, object);
        lookupReaders.put(s.id(), r);
      }
      return r.get(id);
    }
  }

  RecordStream merge(List<Manifest.SegmentEntry> segments, String object, boolean tombstones) {
    return merge(segments, object, tombstones, null);
  }

  RecordStream merge(
      List<Manifest.SegmentEntry> segments, String object, boolean tombstones, String afterId) {
    List<SortedRunMerge.Run> runs = new ArrayList<>();
    try {
      for (int i = 0; i < segments.size(); i++) {
        Manifest.SegmentEntry s = segments.get(i);
        if (afterId != null && s.maxId().compareTo(afterId) <= 0) {
          continue; // nothing after afterId; its rank among the runs is kept by i
        }
        runs.add(new SortedRunMerge.Run(openSegment(s, object), s.backup(), i));
      }
    } catch (RuntimeException e) {
      runs.forEach(r -> r.reader().close());
      throw e;
    }
    return new SortedRunMerge(runs, tombstones, afterId);
  }
}
