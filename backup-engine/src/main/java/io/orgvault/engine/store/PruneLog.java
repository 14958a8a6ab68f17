package io.orgvault.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.crypto.DataKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The prune records of a store, {@code manifests/<10 digits>.prune}: the same authenticated
 * envelope as a manifest (magic {@code OVPR}, version, body length, JSON body, HMAC-SHA256 under
 * the manifest MAC key), so a record cannot be forged or passed off as a manifest, and a manifest
 * cannot be passed off as a record.
 */
final class PruneLog {
  static final byte[] MAGIC = "OVPR".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final String SUFFIX = ".prune";
  private static final MacEnvelope ENVELOPE = new MacEnvelope(MAGIC, VERSION, "a prune record");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NumberedFiles files;
  private final DataKey key;
  private final StorageIo io;
  private final String tenantId;

  PruneLog(Path dir, DataKey key, StorageIo io, String tenantId) {
    this.files = new NumberedFiles(dir, SUFFIX);
    this.key = key;
    this.io = io;
    this.tenantId = tenantId;
  }

  Path path(long number) {
    return files.path(number);
  }

  /** Every record that authenticates, in order, and the damage of those that do not. */
  record Loaded(List<PruneRecord> records, List<StoreException> damages, long lastNumber) {
    Loaded {
      records = List.copyOf(records);
      damages = List.copyOf(damages);
    }

    boolean dropped(long backup) {
      return records.stream().anyMatch(r -> r.drops(backup));
    }

    /**
     * Throws if a record is of a format version this code does not know: what it changed cannot be
     * applied. A record that fails its MAC is left out of reads instead (applying fewer
     * replacements reads the replaced segments, which give the same versions or are missing and
     * fail loudly); verify names it and writers refuse it ({@link #requireIntact()}).
     */
    Loaded requireReadable() {
      for (StoreException e : damages) {
        if (e instanceof UnsupportedFormatVersionException) {
          throw e;
        }
      }
      return this;
    }

    /** Throws the first damage: writers must not act on a log they cannot fully read. */
    Loaded requireIntact() {
      if (!damages.isEmpty()) {
        throw damages.get(0);
      }
      return this;
    }

    /**
     * Manifest {@code m} with every replacement applied in record order: its segment lists as they
     * are after compaction. Reads through it return exactly what they returned before.
     *
     * @throws StoreCorruptedException if a replacement's inputs are only partly in a list
     */
    Manifest apply(Manifest m, PruneLog log) {
      List<Manifest.ObjectEntry> objects = new ArrayList<>(m.objects());
      boolean changed = false;
      for (PruneRecord r : records) {
        for (PruneRecord.Replacement rep : r.replaced()) {
          for (int i = 0; i < objects.size(); i++) {
            Manifest.ObjectEntry o = objects.get(i);
            if (!o.name().equals(rep.object())) {
              continue;
            }
            List<Manifest.SegmentEntry> replaced =
                replace(o.segments(), rep, m.backupNumber(), log.path(r.number()));
            if (replaced != null) {
              objects.set(
                  i,
                  new Manifest.ObjectEntry(
                      o.name(),
                      o.schema(),
                      o.highWaterMark(),
                      o.changedRows(),
                      o.changedTombstones(),
                      replaced,
                      o.describe(),
                      o.liveRecords()));
              changed = true;
            }
          }
        }
      }
      if (!changed) {
        return m;
      }
      return new Manifest(
          m.backupNumber(),
          m.tenantId(),
          m.orgId(),
          m.createdAt(),
          m.previousMac(),
          objects,
          m.mac());
    }

    private static List<Manifest.SegmentEntry> replace(
        List<Manifest.SegmentEntry> list, PruneRecord.Replacement rep, long backup, Path record) {
      Set<SegmentId> inputs = new HashSet<>(rep.inputs());
      long present = list.stream().filter(s -> inputs.contains(s.id())).count();
      if (present == 0) {
        return null;
      }
      if (present != inputs.size()) {
        throw new StoreCorruptedException(
            record,
            DamageKind.PRUNE_MISMATCH,
            -1,
            -1,
            "manifest "
                + backup
                + " lists "
                + present
                + " of the "
                + inputs.size()
                + " segments of "
                + rep.object()
                + " this record replaced");
      }
      List<Manifest.SegmentEntry> out = new ArrayList<>(list.size());
      boolean inserted = false;
      for (Manifest.SegmentEntry s : list) {
        if (inputs.contains(s.id())) {
          if (!inserted) {
            out.addAll(rep.outputs());
            inserted = true;
          }
        } else {
          out.add(s);
        }
      }
      return out;
    }
  }

  Loaded load() {
    List<Long> numbers = files.list();
    List<PruneRecord> records = new ArrayList<>();
    List<StoreException> damages = new ArrayList<>();
    for (long n : numbers) {
      try {
        records.add(read(n));
      } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
        damages.add(e);
      }
    }
    return new Loaded(records, damages, numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1));
  }

  PruneRecord read(long n) {
    Path file = path(n);
    byte[] all = files.readIfPresent(n);
    if (all == null) {
      throw damage(file, DamageKind.MISSING_FILE, -1, "no prune record " + n);
    }
    MacEnvelope.Body body = ENVELOPE.open(file, all, key);
    try {
      PruneRecord r = parse(all, body.offset(), body.length(), body.macHex());
      if (r.number() != n || !r.tenantId().equals(tenantId)) {
        throw damage(file, DamageKind.MANIFEST_MALFORMED, -1, "names another number or tenant");
      }
      return r;
    } catch (IOException | IllegalArgumentException | DateTimeException e) {
      throw damage(
          file,
          DamageKind.MANIFEST_MALFORMED,
          body.offset(),
          "body does not parse: " + e.getClass().getSimpleName());
    }
  }

  private static StoreCorruptedException damage(
      Path file, DamageKind kind, long offset, String detail) {
    return new StoreCorruptedException(file, kind, offset, -1, detail);
  }

  /**
   * Commits record {@code r} (its number must be the next one; its MAC is computed here). The
   * rename of the record is the prune's commit point.
   */
  PruneRecord commit(PruneRecord r) {
    Path target = path(r.number());
    if (Files.exists(target)) {
      throw new StoreException("prune record " + r.number() + " already exists");
    }
    byte[] sealed = ENVELOPE.seal(key, toJson(r));
    DurableFile.write(io, target, sealed);
    return new PruneRecord(
        r.number(),
        r.tenantId(),
        r.createdAt(),
        r.latestBackup(),
        r.dropped(),
        r.replaced(),
        MacEnvelope.macHex(sealed));
  }

  static byte[] toJson(PruneRecord r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "orgvault-prune");
    root.put("version", VERSION);
    root.put("tenant", r.tenantId());
    root.put("prune", r.number());
    root.put("created", r.createdAt().toString());
    root.put("latestBackup", r.latestBackup());
    ArrayNode dropped = root.putArray("dropped");
    for (PruneRecord.DroppedRange d : r.dropped()) {
      dropped
          .addObject()
          .put("from", d.from())
          .put("to", d.to())
          .put("previousMac", d.previousMac())
          .put("mac", d.mac());
    }
    ArrayNode replaced = root.putArray("replaced");
    for (PruneRecord.Replacement rep : r.replaced()) {
      ObjectNode rn = replaced.addObject();
      rn.put("object", rep.object());
      ArrayNode inputs = rn.putArray("inputs");
      rep.inputs().forEach(id -> inputs.add(id.hex()));
      ArrayNode outputs = rn.putArray("outputs");
      rep.outputs().forEach(s -> ManifestStore.putSegment(outputs.addObject(), s));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("prune record serialisation failed", e);
    }
  }

  static PruneRecord parse(byte[] buf, int off, int len, String mac) throws IOException {
    JsonNode root = JSON.readTree(buf, off, len);
    if (!"orgvault-prune".equals(ManifestStore.text(root, "format"))
        || root.path("version").asInt() != VERSION) {
      throw new IOException("not a version 1 prune record body");
    }
    List<PruneRecord.DroppedRange> dropped = new ArrayList<>();
    for (JsonNode d : ManifestStore.array(root, "dropped")) {
      long from = ManifestStore.number(d, "from");
      long to = ManifestStore.number(d, "to");
      if (from < 1 || to < from) {
        throw new IOException("empty dropped range");
      }
      JsonNode prev = d.get("previousMac");
      dropped.add(
          new PruneRecord.DroppedRange(
              from,
              to,
              prev == null || prev.isNull() ? null : prev.asText(),
              ManifestStore.text(d, "mac")));
    }
    List<PruneRecord.Replacement> replaced = new ArrayList<>();
    for (JsonNode rn : ManifestStore.array(root, "replaced")) {
      List<SegmentId> inputs = new ArrayList<>();
      for (JsonNode id : ManifestStore.array(rn, "inputs")) {
        inputs.add(SegmentId.fromHex(id.asText()));
      }
      List<Manifest.SegmentEntry> outputs = new ArrayList<>();
      for (JsonNode sn : ManifestStore.array(rn, "outputs")) {
        outputs.add(ManifestStore.segment(sn));
      }
      if (inputs.isEmpty()) {
        throw new IOException("a replacement without inputs");
      }
      replaced.add(
          new PruneRecord.Replacement(
              Names.requireObjectName(ManifestStore.text(rn, "object")), inputs, outputs));
    }
    return new PruneRecord(
        ManifestStore.number(root, "prune"),
        ManifestStore.text(root, "tenant"),
        Instant.parse(ManifestStore.text(root, "created")),
        ManifestStore.number(root, "latestBackup"),
        dropped,
        replaced,
        mac);
  }
}
