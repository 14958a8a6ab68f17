package io.orgvault.engine.store;

import static io.orgvault.engine.store.ManifestStore.array;
import static io.orgvault.engine.store.ManifestStore.number;
import static io.orgvault.engine.store.ManifestStore.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.DataKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * Reads and writes the state of a pending backup, {@code pending/<N as 10 digits>.pending}: a small
 * header (magic, version, a random salt) and a JSON body sealed with AES-256-GCM under a key
 * derived from the data key and the salt, the header as associated data. Every write replaces the
 * file through {@link DurableFile} (temp, fsync, rename, fsync dir). The byte format is in
 * docs/store-format.md, "Pending backup".
 */
final class PendingStore {
  static final String DIR = "pending";
  static final byte[] MAGIC = "OVPB".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** Random per write; the salt of the write's key. */
  static final int SALT_BYTES = 16;

  /** magic 4 + version 2 + reserved 2 + salt 16 + sealed length 4. */
  static final int HEADER_BYTES = 28;

  /** A pending state larger than this is damage, not something to allocate. */
  static final int MAX_SEALED_BYTES = 512 * 1024 * 1024;

  /** Every write has its own key, so the one nonce it uses is never repeated under a key. */
  private static final byte[] NONCE = new byte[AesGcm.NONCE_BYTES];

  static final String SUFFIX = ".pending";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final NumberedFiles files;
  private final DataKey key;
  private final StorageIo io;
  private final String tenantId;
  private final SecureRandom random;

  PendingStore(Path dir, DataKey key, StorageIo io, String tenantId, SecureRandom random) {
    this.dir = dir;
    this.files = new NumberedFiles(dir, SUFFIX);
    this.key = key;
    this.io = io;
    this.tenantId = tenantId;
    this.random = random;
  }

  Path path(long backupNumber) {
    return files.path(backupNumber);
  }

  /** Backup numbers that have a pending state file, ascending. */
  List<Long> list() {
    if (!Files.isDirectory(dir)) {
      return new ArrayList<>();
    }
    return files.list();
  }

  /**
   * The authenticated pending state of backup {@code n}, if there is one.
   *
   * @throws StoreCorruptedException if the file is damaged or fails authentication
   * @throws UnsupportedFormatVersionException if it has a version this code does not read
   */
  Optional<PendingBackup> read(long n) {
    Path file = path(n);
    byte[] all;
    try {
      if (Files.size(file) > HEADER_BYTES + (long) MAX_SEALED_BYTES) {
        throw damage(file, DamageKind.BAD_HEADER, 0, "larger than a pending state can be");
      }
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (all.length < HEADER_BYTES + AesGcm.TAG_BYTES) {
      throw damage(file, DamageKind.TRUNCATED, all.length, "shorter than a pending state");
    }
    ByteReader h = new ByteReader(all, 0, HEADER_BYTES);
    byte[] salt;
    long sealedLength;
    try {
      if (!Arrays.equals(h.bytes(4), MAGIC)) {
        throw damage(file, DamageKind.BAD_HEADER, 0, "bad magic");
      }
      int version = h.u16();
      if (version != VERSION) {
        // An unknown layout cannot be authenticated: refused either way, never guessed at.
        throw new UnsupportedFormatVersionException(file, version, VERSION);
      }
      if (h.u16() != 0) {
        throw damage(file, DamageKind.BAD_HEADER, 6, "reserved bytes are not zero");
      }
      salt = h.bytes(SALT_BYTES);
      sealedLength = h.u32();
    } catch (ByteReader.Malformed e) {
      throw damage(file, DamageKind.BAD_HEADER, 0, "header does not parse");
    }
    if (sealedLength != all.length - HEADER_BYTES) {
      throw damage(file, DamageKind.BAD_HEADER, 24, "length does not fit the file");
    }
    byte[] fileKey = key.pendingStateKey(salt);
    byte[] plain;
    try {
      plain =
          AesGcm.open(
              fileKey,
              NONCE,
              Arrays.copyOf(all, HEADER_BYTES),
              all,
              HEADER_BYTES,
              (int) sealedLength);
    } catch (AEADBadTagException e) {
      throw damage(file, DamageKind.PENDING_STATE_UNREADABLE, HEADER_BYTES, "fails authentication");
    } finally {
      Arrays.fill(fileKey, (byte) 0);
    }
    PendingBackup p;
    try {
      p = parse(plain);
    } catch (IOException | IllegalArgumentException | DateTimeException e) {
      throw damage(
          file,
          DamageKind.PENDING_STATE_UNREADABLE,
          HEADER_BYTES,
          "body does not parse: " + e.getClass().getSimpleName());
    }
    if (p.backupNumber() != n) {
      throw damage(file, DamageKind.PENDING_STATE_UNREADABLE, -1, "names another backup number");
    }
    return Optional.of(p);
  }

  /** Writes (replaces) the pending state of {@code p.backupNumber()} durably. */
  void write(PendingBackup p) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        io.syncDirectory(dir.getParent());
      }
    } catch (IOException e) {
      throw new StoreWriteException(dir, e);
    }
    byte[] body = toJson(p);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    ByteWriter header = new ByteWriter(HEADER_BYTES);
    header.bytes(MAGIC).u16(VERSION).u16(0).bytes(salt).u32(body.length + AesGcm.TAG_BYTES);
    byte[] aad = header.toByteArray();
    byte[] fileKey = key.pendingStateKey(salt);
    byte[] sealed;
    try {
      sealed = AesGcm.seal(fileKey, NONCE, aad, body);
    } finally {
      Arrays.fill(fileKey, (byte) 0);
    }
    ByteWriter w = new ByteWriter(aad.length + sealed.length);
    w.bytes(aad).bytes(sealed);
    DurableFile.write(io, path(p.backupNumber()), w.toByteArray());
  }

  /** Removes the pending state of backup {@code n} (and makes the removal durable). */
  void delete(long n) {
    Path file = path(n);
    try {
      io.deleteIfExists(file);
      io.syncDirectory(dir);
    } catch (IOException e) {
      throw new StoreWriteException(file, e);
    }
  }

  private StoreCorruptedException damage(Path file, DamageKind kind, long offset, String detail) {
    return new StoreCorruptedException(file, kind, offset, -1, detail);
  }

  private byte[] toJson(PendingBackup p) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "orgvault-pending");
    root.put("version", VERSION);
    root.put("tenant", tenantId);
    root.put("org", p.orgId());
    root.put("backup", p.backupNumber());
    root.put("previousMac", p.previousMac());
    root.put("created", p.createdAt().toString());
    root.put("updated", p.updatedAt().toString());
    root.put("runs", p.runs());
    root.put("selection", p.selection());
    ArrayNode objects = root.putArray("objects");
    for (PendingBackup.PendingObject o : p.objects()) {
      ObjectNode on = objects.addObject();
      on.put("name", o.name());
      on.put("complete", o.complete());
      on.put("highWaterMark", o.highWaterMark());
      on.put("resumePosition", o.resumePosition());
      ArrayNode schema = on.putArray("schema");
      for (FieldSchema f : o.schema()) {
        schema
            .addObject()
            .put("name", f.name())
            .put("type", f.type())
            .put("length", f.length())
            .put("precision", f.precision())
            .put("scale", f.scale());
      }
      ArrayNode segments = on.putArray("segments");
      for (Manifest.SegmentEntry s : o.segments()) {
        segments
            .addObject()
            .put("id", s.id().hex())
            .put("rows", s.rows())
            .put("tombstones", s.tombstones())
            .put("minId", s.minId())
            .put("maxId", s.maxId())
            .put("minModstamp", s.minModstamp())
            .put("maxModstamp", s.maxModstamp())
            .put("bytes", s.bytes());
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pending state serialisation failed", e);
    }
  }

  private PendingBackup parse(byte[] plain) throws IOException {
    JsonNode root = JSON.readTree(plain);
    if (!"orgvault-pending".equals(text(root, "format")) || number(root, "version") != VERSION) {
      throw new IOException("not a version 1 pending state body");
    }
    if (!tenantId.equals(text(root, "tenant"))) {
      throw new IOException("belongs to another tenant");
    }
    long backup = number(root, "backup");
    List<PendingBackup.PendingObject> objects = new ArrayList<>();
    for (JsonNode on : array(root, "objects")) {
      List<FieldSchema> schema = new ArrayList<>();
      for (JsonNode fn : array(on, "schema")) {
        schema.add(
            new FieldSchema(
                text(fn, "name"),
                text(fn, "type"),
                (int) number(fn, "length"),
                (int) number(fn, "precision"),
                (int) number(fn, "scale")));
      }
      List<Manifest.SegmentEntry> segments = new ArrayList<>();
      for (JsonNode sn : array(on, "segments")) {
        segments.add(
            new Manifest.SegmentEntry(
                SegmentId.fromHex(text(sn, "id")),
                backup,
                number(sn, "rows"),
                number(sn, "tombstones"),
                text(sn, "minId"),
                text(sn, "maxId"),
                number(sn, "minModstamp"),
                number(sn, "maxModstamp"),
                number(sn, "bytes")));
      }
      JsonNode position = on.get("resumePosition");
      if (!on.path("complete").isBoolean()) {
        throw new IOException("missing boolean field complete");
      }
      objects.add(
          new PendingBackup.PendingObject(
              Names.requireObjectName(text(on, "name")),
              schema,
              on.get("complete").asBoolean(),
              number(on, "highWaterMark"),
              segments,
              position == null || position.isNull() ? null : position.asText()));
    }
    JsonNode prev = root.get("previousMac");
    return new PendingBackup(
        backup,
        text(root, "org"),
        prev == null || prev.isNull() ? null : prev.asText(),
        Instant.parse(text(root, "created")),
        Instant.parse(text(root, "updated")),
        (int) number(root, "runs"),
        text(root, "selection"),
        objects);
  }
}
