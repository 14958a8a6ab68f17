package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what no live backup can reach: temporary files of interrupted writes, manifests that are
 * not live (dropped by a prune), segments no live manifest lists, chunks no row of a listed segment
 * refers to. Runs under the volume's writer lock. If any manifest or segment cannot be read it
 * removes nothing it cannot prove unreachable: it stops with the damage instead of guessing.
 *
 * <p>Roots beyond the manifests: the segments of the pending backup (the one the next run
 * continues) are kept, and so are the chunks their rows refer to. A damaged pending state stops the
 * collection; a spent one (not for the next backup number) is removed.
 */
final class GarbageCollector {
  private static final Pattern SEGMENT_NAME = Pattern.compile("[0-9a-f]{32}\\.seg");
  private static final Pattern CHUNK_NAME = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern MANIFEST_NAME = Pattern.compile("\\d{10}\\.manifest");

  private final RecordStore store;
  private boolean dryRun;
  private long temps;
  private long manifests;
  private long segments;
  private long chunks;
  private long bytes;

  GarbageCollector(RecordStore store) {
    this.store = store;
  }

  /**
   * @param live the manifests to keep (as read, replacements applied); every other manifest file
   *     goes
   * @param dryRun count what would go and delete nothing
   */
  GcReport run(List<Manifest> live, boolean dryRun) {
    this.dryRun = dryRun;
    Path volume = store.volume();
    for (String d :
        List.of(RecordStore.SEGMENTS, RecordStore.MANIFESTS, RecordStore.KEYS, RecordStore.BLOBS)) {
      removeTemps(volume.resolve(d));
    }
    if (Files.isDirectory(volume.resolve(PendingStore.DIR))) {
      removeTemps(volume.resolve(PendingStore.DIR));
    }
    for (Path fanout : list(volume.resolve(RecordStore.BLOBS))) {
      if (Files.isDirectory(fanout)) {
        removeTemps(fanout);
      }
    }
    Set<Long> liveNumbers = new HashSet<>();
    live.forEach(m -> liveNumbers.add(m.backupNumber()));
    Set<SegmentId> liveSegments = new HashSet<>();
    Set<ContentId> liveChunks = new HashSet<>();
    for (Manifest m : live) {
      for (Manifest.ObjectEntry o : m.objects()) {
        for (Manifest.SegmentEntry s : o.segments()) {
          if (liveSegments.add(s.id())) {
            collectChunks(store.openSegment(s, o.name()), liveChunks);
          }
        }
      }
    }
    keepPending(liveSegments, liveChunks);
    // Manifests first: a crash after this step leaves no manifest whose segments are gone.
    for (Path p : list(store.manifests().path(1).getParent())) {
      String name = p.getFileName().toString();
      if (MANIFEST_NAME.matcher(name).matches()
          && !liveNumbers.contains(Long.parseLong(name.substring(0, 10)))) {
        delete(p);
        manifests++;
      }
    }
    for (Path p : list(store.segmentsDir())) {
      String name = p.getFileName().toString();
      if (SEGMENT_NAME.matcher(name).matches()
          && !liveSegments.contains(SegmentId.fromHex(name.substring(0, 32)))) {
        delete(p);
        segments++;
      }
    }
    for (Path fanout : list(volume.resolve(RecordStore.BLOBS))) {
      if (!Files.isDirectory(fanout)) {
        continue;
      }
      for (Path p : list(fanout)) {
        String name = p.getFileName().toString();
        if (CHUNK_NAME.matcher(name).matches() && !liveChunks.contains(ContentId.fromHex(name))) {
          delete(p);
          chunks++;
        }
      }
    }
    if (!dryRun && manifests > 0) {
      sync(store.manifests().path(1).getParent());
    }
    return new GcReport(temps, manifests, segments, chunks, bytes);
  }

  /** Adds the pending backup's segments and chunks to the live sets; removes spent states. */
  private void keepPending(Set<SegmentId> liveSegments, Set<ContentId> liveChunks) {
    PendingStore pending = store.pendingStore();
    List<Long> committed = store.manifests().list();
    long next = committed.isEmpty() ? 1 : committed.get(committed.size() - 1) + 1;
    for (long n : pending.list()) {
      if (n != next) {
        if (!dryRun) {
          pending.delete(n);
        }
        continue;
      }
      // read() throws on a damaged state: then nothing is collected
      for (PendingBackup.PendingObject o :
          pending.read(n).map(PendingBackup::objects).orElse(List.of())) {
        for (Manifest.SegmentEntry s : o.segments()) {
          if (liveSegments.add(s.id())) {
            collectChunks(store.openSegment(s, o.name()), liveChunks);
          }
        }
      }
    }
  }

  private static void collectChunks(SegmentReader reader, Set<ContentId> live) {
    try (SegmentReader r = reader) {
      for (Iterator<RecordVersion> it = r.rows(); it.hasNext(); ) {
        for (Object v : it.next().fields().values()) {
          if (v instanceof BlobRef) {
            live.addAll(((BlobRef) v).chunks());
          }
        }
      }
    }
  }

  private void removeTemps(Path dir) {
    for (Path p : list(dir)) {
      if (DurableFile.isTemp(p)) {
        delete(p);
        temps++;
      }
    }
  }

  private void delete(Path p) {
    try {
      bytes += Files.size(p);
      if (!dryRun) {
        store.options().io().deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StoreException("cannot delete " + p + ": " + e.getMessage(), e);
    }
  }

  private void sync(Path dir) {
    try {
      store.options().io().syncDirectory(dir);
    } catch (IOException e) {
      throw new StoreException("cannot sync " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> list(Path dir) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      List<Path> out = new java.util.ArrayList<>();
      ds.forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
