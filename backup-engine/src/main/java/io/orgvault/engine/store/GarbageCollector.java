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
 * Removes what no committed backup can reach: temporary files of interrupted writes, segments no
 * manifest lists, chunks no row of a listed segment refers to. Runs under the volume's writer lock.
 * The segments of the pending backup (the one the next run continues) and their chunks are kept. If
 * any manifest or segment cannot be read it removes nothing it cannot prove unreachable: it stops
 * with the damage instead of guessing.
 */
final class GarbageCollector {
  private static final Pattern SEGMENT_NAME = Pattern.compile("[0-9a-f]{32}\\.seg");
  private static final Pattern CHUNK_NAME = Pattern.compile("[0-9a-f]{64}");

  private final RecordStore store;
  private long temps;
  private long segments;
  private long chunks;

  GarbageCollector(RecordStore store) {
    this.store = store;
  }

  GcReport run() {
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
    Set<SegmentId> liveSegments = new HashSet<>();
    Set<ContentId> liveChunks = new HashSet<>();
    for (long n : store.manifests().list()) {
      Manifest m = store.manifests().read(n); // throws on damage: collect nothing then
      for (Manifest.ObjectEntry o : m.objects()) {
        for (Manifest.SegmentEntry s : o.segments()) {
          if (liveSegments.add(s.id())) {
            collectChunks(s, o.name(), liveChunks);
          }
        }
      }
    }
    keepPending(liveSegments, liveChunks);
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
    return new GcReport(temps, segments, chunks);
  }

  /**
   * Adds the pending backup's segments and chunks to the live sets. A damaged pending state stops
   * the collection (what it references cannot be known); a spent one is removed.
   */
  private void keepPending(Set<SegmentId> liveSegments, Set<ContentId> liveChunks) {
    PendingStore pending = store.pendingStore();
    List<Long> committed = store.manifests().list();
    long next = committed.isEmpty() ? 1 : committed.get(committed.size() - 1) + 1;
    for (long n : pending.list()) {
      if (n != next) {
        pending.delete(n);
        continue;
      }
      for (PendingBackup.PendingObject o :
          pending.read(n).map(PendingBackup::objects).orElse(List.of())) {
        for (Manifest.SegmentEntry s : o.segments()) {
          if (liveSegments.add(s.id())) {
            collectChunks(s, o.name(), liveChunks);
          }
        }
      }
    }
  }

  private void collectChunks(Manifest.SegmentEntry s, String object, Set<ContentId> live) {
    try (SegmentReader r = store.openSegment(s, object)) {
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
      store.options().io().deleteIfExists(p);
    } catch (IOException e) {
      throw new StoreException("cannot delete " + p + ": " + e.getMessage(), e);
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
