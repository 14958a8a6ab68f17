package io.orgvault.engine.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of a snapshot's files, stored as {@code snapshots/<id>.json} (format in {@code
 * docs/snapshots.md}); it names files and digests only, never content.
 */
public record SnapshotManifest(
    String id, Instant createdAt, String tenant, String orgId, List<SnapshotFile> files) {
  /** The only version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  static final String FORMAT = "orgvault-snapshot";

  /** A manifest larger than this is refused before parsing (≈ 5 M files). */
  static final int MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  public SnapshotManifest {
    if (!SnapshotLayout.isSnapshotId(id)) {
      throw new SnapshotFormatException("not a snapshot id");
    }
    files = List.copyOf(files);
    Set<String> seen = new HashSet<>();
    for (SnapshotFile f : files) {
      if (!seen.add(f.path())) {
        throw new SnapshotFormatException("file listed twice: " + f.path());
      }
    }
  }

  public long totalBytes() {
    return files.stream().mapToLong(SnapshotFile::size).sum();
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", FORMAT_VERSION);
    root.put("id", id);
    root.put("createdAt", createdAt.toString());
    root.put("tenant", tenant);
    root.put("org", orgId);
    ArrayNode list = root.putArray("files");
    for (SnapshotFile f : files) {
      list.addObject().put("path", f.path()).put("sha256", f.sha256()).put("size", f.size());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new SnapshotException("cannot write the manifest of snapshot " + id, e);
    }
  }

  static SnapshotManifest fromJson(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new SnapshotFormatException("a snapshot manifest is not JSON");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new SnapshotFormatException("not a snapshot manifest");
    }
    int version = root.path("version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new SnapshotFormatException(
          "snapshot manifest version " + version + " is not supported (this reads 1)");
    }
    Instant created;
    try {
      created = Instant.parse(root.path("createdAt").asText());
    } catch (DateTimeParseException e) {
      throw new SnapshotFormatException("a snapshot manifest's createdAt is not a time");
    }
    JsonNode list = root.path("files");
    if (!list.isArray()) {
      throw new SnapshotFormatException("a snapshot manifest has no files list");
    }
    List<SnapshotFile> files = new ArrayList<>(list.size());
    for (JsonNode f : list) {
      if (!f.path("size").canConvertToLong()) {
        throw new SnapshotFormatException("a snapshot file's size is not a number");
      }
      files.add(
          new SnapshotFile(
              f.path("path").asText(null), f.path("sha256").asText(null), f.path("size").asLong()));
    }
    return new SnapshotManifest(
        root.path("id").asText(null),
        created,
        root.path("tenant").asText(null),
        root.path("org").asText(null),
        files);
  }
}
