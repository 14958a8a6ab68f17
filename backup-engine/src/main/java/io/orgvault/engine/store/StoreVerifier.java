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

  private void checkManifests(Map<SegmentId, Referenced> segments) {
    ManifestStore ms = store.manifests();
    List<Long> numbers = ms.list();
    Long previousNumber = null;
    byte[] previousMac = null;
    for (long n : numbers) {
      manifestCount++;
      ManifestStore.Inspection i = ms.inspect(n);
      if (i.damage() != null) {
        damages.add(Damage.of(i.damage(), ms.path(n)));
      }
      if (previousNumber != null) {
        for (long missing = previousNumber + 1; missing < n; missing++) {
          damages.add(
              new Damage(
                  ms.path(missing),
                  DamageKind.CHAIN_BROKEN,
                  -1,
                  -1,
                  "manifest " + missing + " is missing between " + previousNumber + " and " + n));
        }
      }
      Manifest m = i.manifest();
      if (m != null) {
        String expected =
            previousNumber != null && previousNumber == n - 1 && previousMac != null
                ? HexFormat.of().formatHex(previousMac)
                : null;
        boolean chainKnown = previousNumber != null && previousNumber == n - 1;
        if ((chainKnown && !java.util.Objects.equals(expected, m.previousMac()))
            || (n == 1 && m.previousMac() != null)) {
          damages.add(
              new Damage(
                  ms.path(n),
                  DamageKind.CHAIN_BROKEN,
                  -1,
                  -1,
                  "does not name the MAC of manifest " + (n - 1) + " as its predecessor"));
        }
        for (Manifest.ObjectEntry o : m.objects()) {
          for (Manifest.SegmentEntry s : o.segments()) {
            segments.putIfAbsent(s.id(), new Referenced(s, o.name()));
          }
        }
      }
      previousNumber = n;
      previousMac = i.storedMac();
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
