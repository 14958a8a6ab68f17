package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Re-reads and authenticates the whole store: every manifest's MAC and the chain between them,
 * every block of every referenced segment, every chunk file, and that every chunk a row refers to
 * exists and adds up to its blob's length. Collects every damage instead of stopping at the first.
 * The pending backup, if any, is checked too: its state must authenticate, and its segments and
 * chunks are checked like those of committed backups.
 */
final class StoreVerifier {
  private static final Pattern CHUNK_NAME = Pattern.compile("[0-9a-f]{64}");

  private final RecordStore store;
  private final List<Damage> damages = new ArrayList<>();
  private long manifestCount;
  private long segmentCount;
  private long blockCount;
  private long chunkCount;
  private OptionalLong pendingBackup = OptionalLong.empty();

  StoreVerifier(RecordStore store) {
    this.store = store;
  }

  private record Referenced(Manifest.SegmentEntry entry, String object) {}

  VerifyReport run() {
    Map<SegmentId, Referenced> segments = new LinkedHashMap<>();
    checkManifests(segments);
    checkPending(segments);
    Set<BlobRef> blobs = new HashSet<>();
    for (Referenced r : segments.values()) {
      checkSegment(r, blobs);
    }
    Map<ContentId, Long> chunkLengths = checkChunkFiles();
    checkBlobReferences(blobs, chunkLengths);
    return new VerifyReport(
        manifestCount, segmentCount, blockCount, chunkCount, damages, pendingBackup);
  }

  private void checkPending(Map<SegmentId, Referenced> segments) {
    PendingStore ps = store.pendingStore();
    List<Long> committed = store.manifests().list();
    long next = committed.isEmpty() ? 1 : committed.get(committed.size() - 1) + 1;
    if (!ps.list().contains(next)) {
      return; // other numbers are spent states a crash left after a commit: not data
    }
    pendingBackup = OptionalLong.of(next);
    try {
      for (PendingBackup.PendingObject o :
          ps.read(next).map(PendingBackup::objects).orElse(List.of())) {
        for (Manifest.SegmentEntry s : o.segments()) {
          segments.putIfAbsent(s.id(), new Referenced(s, o.name()));
        }
      }
    } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
      damages.add(Damage.of(e, ps.path(next)));
    }
  }

  /**
   * One step of the manifest chain: a present manifest ({@code from == to}) or a range of backups a
   * prune record dropped. {@code previousMac} is what the step names as its predecessor's MAC,
   * {@code mac} what the next step must name.
   */
  private record Link(
      long from, long to, String previousMac, String mac, Path file, boolean known) {}

  private void checkManifests(Map<SegmentId, Referenced> segments) {
    ManifestStore ms = store.manifests();
    PruneLog.Loaded log = store.pruneLog().load();
    for (StoreException e : log.damages()) {
      damages.add(Damage.of(e, ms.path(0).getParent()));
    }
    TreeMap<Long, List<Link>> links = new TreeMap<>();
    for (long n : ms.list()) {
      if (log.dropped(n)) {
        continue; // dropped by a prune that was interrupted before deleting it: garbage
      }
      manifestCount++;
      ManifestStore.Inspection i = ms.inspect(n);
      if (i.damage() != null) {
        damages.add(Damage.of(i.damage(), ms.path(n)));
      }
      Manifest m = i.manifest();
      String storedMac = i.storedMac() == null ? null : HexFormat.of().formatHex(i.storedMac());
      links
          .computeIfAbsent(n, k -> new ArrayList<>())
          .add(
              new Link(n, n, m == null ? null : m.previousMac(), storedMac, ms.path(n), m != null));
      if (m != null) {
        try {
          m = log.apply(m, store.pruneLog());
        } catch (StoreCorruptedException e) {
          damages.add(Damage.of(e));
        }
        for (Manifest.ObjectEntry o : m.objects()) {
          for (Manifest.SegmentEntry s : o.segments()) {
            segments.putIfAbsent(s.id(), new Referenced(s, o.name()));
          }
        }
      }
    }
    for (PruneRecord r : log.records()) {
      for (PruneRecord.DroppedRange d : r.dropped()) {
        links
            .computeIfAbsent(d.from(), k -> new ArrayList<>())
            .add(
                new Link(
                    d.from(),
                    d.to(),
                    d.previousMac(),
                    d.mac(),
                    store.pruneLog().path(r.number()),
                    true));
      }
    }
    long latestNamed = 0;
    for (PruneRecord r : log.records()) {
      latestNamed = Math.max(latestNamed, r.latestBackup());
    }
    checkChain(links, latestNamed);
  }

  /**
   * The chain must run from backup 1 to the latest without a gap: every number is a present
   * manifest or inside a range a prune record dropped, and each step names the MAC the step before
   * it ends with. A manifest deleted or reordered outside a prune is therefore found, also at the
   * start of the chain.
   */
  private void checkChain(TreeMap<Long, List<Link>> links, long latestNamed) {
    ManifestStore ms = store.manifests();
    long expected = 1;
    Link previous = null;
    for (List<Link> atNumber : links.values()) {
      for (Link l : atNumber) {
        if (l.from() < expected) {
          damages.add(
              new Damage(
                  l.file(),
                  DamageKind.PRUNE_MISMATCH,
                  -1,
                  -1,
                  "backups " + l.from() + ".." + l.to() + " overlap another manifest or range"));
          continue;
        }
        boolean adjacent = l.from() == expected;
        for (long missing = expected; missing < l.from(); missing++) {
          damages.add(
              new Damage(
                  ms.path(missing),
                  DamageKind.CHAIN_BROKEN,
                  -1,
                  -1,
                  "manifest "
                      + missing
                      + " is missing and no prune record dropped it"
                      + (previous == null ? "" : " (after backup " + previous.to() + ")")));
        }
        if (adjacent && l.known()) {
          String want = previous == null ? null : previous.mac();
          if (!java.util.Objects.equals(want, l.previousMac())) {
            damages.add(
                new Damage(
                    l.file(),
                    DamageKind.CHAIN_BROKEN,
                    -1,
                    -1,
                    l.from() == 1
                        ? "backup 1 names a predecessor"
                        : "does not name the MAC of manifest "
                            + (l.from() - 1)
                            + " as the predecessor of backup "
                            + l.from()));
          }
        }
        previous = l;
        expected = l.to() + 1;
      }
    }
    // A prune always keeps the latest backup, so its record proves the chain reached that far:
    // deleting the newest manifests is found up to the last prune (beyond it, only the MAC the
    // orchestrator recorded can tell).
    for (long missing = expected; missing <= latestNamed; missing++) {
      damages.add(
          new Damage(
              ms.path(missing),
              DamageKind.CHAIN_BROKEN,
              -1,
              -1,
              "manifest " + missing + " is missing; a prune record saw backup " + latestNamed));
    }
  }

  private void checkSegment(Referenced r, Set<BlobRef> blobs) {
    Path file = store.segmentPath(r.entry().id());
    segmentCount++;
    SegmentReader reader;
    try {
      reader = store.openSegment(r.entry(), r.object());
    } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
      damages.add(Damage.of(e, file));
      return;
    }
    try (reader) {
      SegmentFooter f = reader.footer();
      if (f.rows() != r.entry().rows()
          || f.tombstones() != r.entry().tombstones()
          || !f.minId().equals(r.entry().minId())
          || !f.maxId().equals(r.entry().maxId())) {
        damages.add(
            new Damage(
                file,
                DamageKind.COUNT_MISMATCH,
                -1,
                -1,
                "footer counts or Id range differ from the manifest's"));
      }
      for (int n = 0; n < f.blocks().size(); n++) {
        blockCount++;
        try {
          for (RecordVersion v : reader.block(n)) {
            for (Object value : v.fields().values()) {
              if (value instanceof BlobRef) {
                blobs.add((BlobRef) value);
              }
            }
          }
        } catch (StoreCorruptedException e) {
          damages.add(Damage.of(e));
        }
      }
      reader.checkTextIndex().ifPresent(e -> damages.add(Damage.of(e)));
      reader.checkChangeIndex(true).ifPresent(e -> damages.add(Damage.of(e)));
    }
  }

  private Map<ContentId, Long> checkChunkFiles() {
    Map<ContentId, Long> lengths = new HashMap<>();
    Path blobsDir = store.volume().resolve(RecordStore.BLOBS);
    try (DirectoryStream<Path> fanouts = Files.newDirectoryStream(blobsDir)) {
      for (Path fanout : fanouts) {
        if (DurableFile.isTemp(fanout) || !Files.isDirectory(fanout)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fanout)) {
          for (Path f : files) {
            String name = f.getFileName().toString();
            if (DurableFile.isTemp(f)) {
              continue;
            }
            if (!CHUNK_NAME.matcher(name).matches()
                || !name.startsWith(fanout.getFileName().toString())) {
              damages.add(new Damage(f, DamageKind.BAD_HEADER, -1, -1, "not a chunk file name"));
              continue;
            }
            chunkCount++;
            ContentId id = ContentId.fromHex(name);
            try {
              lengths.put(id, (long) store.blobStore().readChunk(id).length);
            } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
              damages.add(Damage.of(e, f));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list " + blobsDir + ": " + e.getMessage(), e);
    }
    return lengths;
  }

  private void checkBlobReferences(Set<BlobRef> blobs, Map<ContentId, Long> chunkLengths) {
    Set<ContentId> reportedMissing = new HashSet<>();
    for (BlobRef b : blobs) {
      long sum = 0;
      boolean complete = true;
      for (ContentId c : b.chunks()) {
        Long len = chunkLengths.get(c);
        if (len == null) {
          complete = false;
          Path p = store.blobStore().chunkPath(c);
          if (!Files.exists(p) && reportedMissing.add(c)) {
            damages.add(
                new Damage(
                    p,
                    DamageKind.MISSING_FILE,
                    -1,
                    -1,
                    "chunk of blob " + b.bodyHash() + " missing"));
          }
        } else {
          sum += len;
        }
      }
      if (complete && sum != b.length()) {
        damages.add(
            new Damage(
                store.volume().resolve(RecordStore.BLOBS),
                DamageKind.BLOB_MISMATCH,
                -1,
                -1,
                "chunks of blob "
                    + b.bodyHash()
                    + " add up to "
                    + sum
                    + " bytes, not "
                    + b.length()));
      }
    }
  }
}
