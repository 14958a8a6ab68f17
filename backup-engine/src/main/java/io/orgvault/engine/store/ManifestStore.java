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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and commits manifests. A manifest file is a small binary envelope (magic, version, body
 * length) around a JSON body, followed by HMAC-SHA256 over everything before it under the manifest
 * MAC key. Committing is the store's commit point: temp file, fsync, rename, fsync dir.
 */
final class ManifestStore {
  static final byte[] MAGIC = "OVMF".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private static final MacEnvelope ENVELOPE = new MacEnvelope(MAGIC, VERSION, "a manifest");

  /** A manifest body larger than this is damage, not something to allocate. */
  static final int MAX_BODY_BYTES = 512 * 1024 * 1024;

  static final String SUFFIX = ".manifest";
  static final long MAX_BACKUP_NUMBER = 9_999_999_999L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NumberedFiles files;
  private final DataKey key;
  private final StorageIo io;
  private final String tenantId;

  ManifestStore(Path dir, DataKey key, StorageIo io, String tenantId) {
    this.files = new NumberedFiles(dir, SUFFIX);
    this.key = key;
    this.io = io;
    this.tenantId = tenantId;
  }

  Path path(long backupNumber) {
    return files.path(backupNumber);
  }

  /** Committed backup numbers, ascending; temporary and foreign files are not listed. */
  List<Long> list() {
    return files.list();
  }

  /** What a manifest file holds, whether or not it authenticates. */
  record Inspection(Manifest manifest, byte[] storedMac, StoreException damage) {}

  /**
   * Reads and authenticates manifest {@code n}.
   *
   * @throws StoreCorruptedException if it is missing, damaged or fails its MAC
   */
  Manifest read(long n) {
    Inspection i = inspect(n);
    if (i.damage() != null) {
      throw i.damage();
    }
    return i.manifest();
  }

  Inspection inspect(long n) {
    Path file = path(n);
    byte[] all = files.readIfPresent(n);
    if (all == null) {
      return damaged(null, file, DamageKind.MISSING_FILE, -1, "no manifest for backup " + n);
    }
    byte[] storedMac = MacEnvelope.storedMac(all);
    try {
      MacEnvelope.Body body = ENVELOPE.open(file, all, key);
      Manifest m = parse(all, body.offset(), body.length(), body.macHex());
      if (m.backupNumber() != n) {
        return damaged(
            storedMac, file, DamageKind.MANIFEST_MALFORMED, -1, "names another backup number");
      }
      if (!m.tenantId().equals(tenantId)) {
        return damaged(
            storedMac, file, DamageKind.MANIFEST_MALFORMED, -1, "belongs to another tenant");
      }
      return new Inspection(m, storedMac, null);
    } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
      return new Inspection(null, storedMac, e);
    } catch (IOException | IllegalArgumentException | DateTimeException e) {
      return damaged(
          storedMac,
          file,
          DamageKind.MANIFEST_MALFORMED,
          MacEnvelope.HEADER_BYTES,
          "body does not parse: " + e.getClass().getSimpleName());
    }
  }

  private static Inspection damaged(
      byte[] storedMac, Path file, DamageKind kind, long offset, String detail) {
    return new Inspection(
        null, storedMac, new StoreCorruptedException(file, kind, offset, -1, detail));
  }

  /**
   * Commits {@code m} (its {@code mac} is ignored and computed here) and returns it with the MAC.
   *
   * @throws StoreException if backup {@code m.backupNumber()} is already committed
   * @throws StoreWriteException if the write fails; nothing becomes visible then
   */
  Manifest commit(Manifest m) {
    Path target = path(m.backupNumber());
    if (m.backupNumber() < 1 || m.backupNumber() > MAX_BACKUP_NUMBER) {
      throw new IllegalArgumentException("backup number out of range: " + m.backupNumber());
    }
    if (Files.exists(target)) {
      throw new StoreException("backup " + m.backupNumber() + " is already committed");
    }
    byte[] sealed = ENVELOPE.seal(key, toJson(m));
    DurableFile.write(io, target, sealed);
    return new Manifest(
        m.backupNumber(),
        m.tenantId(),
        m.orgId(),
        m.createdAt(),
        m.previousMac(),
        m.objects(),
        MacEnvelope.macHex(sealed));
  }

  static byte[] toJson(Manifest m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "orgvault-manifest");
    root.put("version", VERSION);
    root.put("tenant", m.tenantId());
    root.put("org", m.orgId());
    root.put("backup", m.backupNumber());
    root.put("created", m.createdAt().toString());
    root.put("previousMac", m.previousMac());
    ArrayNode objects = root.putArray("objects");
    for (Manifest.ObjectEntry o : m.objects()) {
      ObjectNode on = objects.addObject();
      on.put("name", o.name());
      on.put("highWaterMark", o.highWaterMark());
      on.put("changedRows", o.changedRows());
      on.put("changedTombstones", o.changedTombstones());
      ArrayNode schema = on.putArray("schema");
      for (FieldSchema f : o.schema()) {
        ObjectNode fn = schema.addObject();
        fn.put("name", f.name());
        fn.put("type", f.type());
        fn.put("length", f.length());
        fn.put("precision", f.precision());
        fn.put("scale", f.scale());
      }
      ArrayNode segments = on.putArray("segments");
      for (Manifest.SegmentEntry s : o.segments()) {
        putSegment(segments.addObject(), s);
      }
      if (o.describe() != null) {
        putDescribe(on.putObject("describe"), o.describe());
      }
      if (o.liveRecords() != Manifest.ObjectEntry.LIVE_NOT_RECORDED) {
        on.put("liveRecords", o.liveRecords());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest serialisation failed", e);
    }
  }

  static Manifest parse(byte[] buf, int off, int len, String mac) throws IOException {
    JsonNode root = JSON.readTree(buf, off, len);
    if (!"orgvault-manifest".equals(text(root, "format")) || root.path("version").asInt() != 1) {
      throw new IOException("not a version 1 manifest body");
    }
    List<Manifest.ObjectEntry> objects = new ArrayList<>();
    for (JsonNode on : array(root, "objects")) {
      List<FieldSchema> schema = new ArrayList<>();
      for (JsonNode fn : array(on, "schema")) {
        schema.add(
            new FieldSchema(
                text(fn, "name"),
                text(fn, "type"),
                fn.path("length").asInt(),
                fn.path("precision").asInt(),
                fn.path("scale").asInt()));
      }
      List<Manifest.SegmentEntry> segments = new ArrayList<>();
      for (JsonNode sn : array(on, "segments")) {
        segments.add(segment(sn));
      }
      objects.add(
          new Manifest.ObjectEntry(
              Names.requireObjectName(text(on, "name")),
              schema,
              number(on, "highWaterMark"),
              number(on, "changedRows"),
              number(on, "changedTombstones"),
              segments,
              describe(on.get("describe")),
              liveRecords(on)));
    }
    JsonNode prev = root.get("previousMac");
    return new Manifest(
        number(root, "backup"),
        text(root, "tenant"),
        text(root, "org"),
        Instant.parse(text(root, "created")),
        prev == null || prev.isNull() ? null : prev.asText(),
        objects,
        mac);
  }

  private static void putDescribe(ObjectNode dn, ObjectDescribe d) {
    dn.put("keyPrefix", d.keyPrefix());
    ArrayNode fields = dn.putArray("fields");
    d.fields()
        .forEach(
            (name, f) -> {
              ObjectNode fn = fields.addObject();
              fn.put("name", name);
              ArrayNode refs = fn.putArray("referenceTo");
              f.referenceTo().forEach(refs::add);
              fn.put("relationshipName", f.relationshipName());
              fn.put("createable", f.createable());
              fn.put("updateable", f.updateable());
              fn.put("nillable", f.nillable());
              fn.put("calculated", f.calculated());
              fn.put("autoNumber", f.autoNumber());
              fn.put("externalId", f.externalId());
              fn.put("cascadeDelete", f.cascadeDelete());
              fn.put("restrictedDelete", f.restrictedDelete());
            });
    ArrayNode children = dn.putArray("childRelationships");
    for (ObjectDescribe.ChildRelation c : d.childRelationships()) {
      ObjectNode cn = children.addObject();
      cn.put("childSObject", c.childSObject());
      cn.put("field", c.field());
      cn.put("relationshipName", c.relationshipName());
      cn.put("cascadeDelete", c.cascadeDelete());
    }
  }

  /** The describe attributes of an object entry; null when the entry has none (older backups). */
  private static ObjectDescribe describe(JsonNode dn) throws IOException {
    if (dn == null || dn.isNull()) {
      return null;
    }
    Map<String, ObjectDescribe.FieldDescribe> fields = new LinkedHashMap<>();
    for (JsonNode fn : array(dn, "fields")) {
      List<String> refs = new ArrayList<>();
      for (JsonNode r : array(fn, "referenceTo")) {
        if (!r.isTextual()) {
          throw new IOException("referenceTo holds a non-text value");
        }
        refs.add(Names.requireObjectName(r.asText()));
      }
      fields.put(
          text(fn, "name"),
          new ObjectDescribe.FieldDescribe(
              refs,
              optionalText(fn, "relationshipName"),
              bool(fn, "createable"),
              bool(fn, "updateable"),
              bool(fn, "nillable"),
              bool(fn, "calculated"),
              bool(fn, "autoNumber"),
              bool(fn, "externalId"),
              bool(fn, "cascadeDelete"),
              bool(fn, "restrictedDelete")));
    }
    List<ObjectDescribe.ChildRelation> children = new ArrayList<>();
    for (JsonNode cn : array(dn, "childRelationships")) {
      children.add(
          new ObjectDescribe.ChildRelation(
              text(cn, "childSObject"),
              text(cn, "field"),
              optionalText(cn, "relationshipName"),
              bool(cn, "cascadeDelete")));
    }
    return new ObjectDescribe(optionalText(dn, "keyPrefix"), fields, children);
  }

  static String optionalText(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IOException("field " + field + " is not text");
    }
    return v.asText();
  }

  static boolean bool(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new IOException("missing boolean field " + field);
    }
    return v.booleanValue();
  }

  /** A segment entry as JSON; prune records list their output segments the same way. */
  static void putSegment(ObjectNode sn, Manifest.SegmentEntry s) {
    sn.put("id", s.id().hex());
    sn.put("backup", s.backup());
    sn.put("rows", s.rows());
    sn.put("tombstones", s.tombstones());
    sn.put("minId", s.minId());
    sn.put("maxId", s.maxId());
    sn.put("minModstamp", s.minModstamp());
    sn.put("maxModstamp", s.maxModstamp());
    sn.put("bytes", s.bytes());
  }

  static Manifest.SegmentEntry segment(JsonNode sn) throws IOException {
    return new Manifest.SegmentEntry(
        SegmentId.fromHex(text(sn, "id")),
        number(sn, "backup"),
        number(sn, "rows"),
        number(sn, "tombstones"),
        text(sn, "minId"),
        text(sn, "maxId"),
        number(sn, "minModstamp"),
        number(sn, "maxModstamp"),
        number(sn, "bytes"));
  }

  static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("missing text field " + field);
    }
    return v.asText();
  }

  /** The optional live record count: absent in entries written before it was recorded. */
  private static long liveRecords(JsonNode on) throws IOException {
    if (on.get("liveRecords") == null) {
      return Manifest.ObjectEntry.LIVE_NOT_RECORDED;
    }
    long n = number(on, "liveRecords");
    if (n < 0) {
      throw new IOException("negative liveRecords");
    }
    return n;
  }

  static long number(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IOException("missing number field " + field);
    }
    return v.asLong();
  }

  static JsonNode array(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new IOException("missing array field " + field);
    }
    return v;
  }
}
