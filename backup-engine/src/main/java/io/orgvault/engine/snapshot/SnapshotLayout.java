package io.orgvault.engine.snapshot;

import java.util.regex.Pattern;

/**
 * Which store files a snapshot holds, and where objects go in the bucket. Only the store's
 * ciphertext: the wrapped data key, manifests and prune records, segments and blob chunks. Never
 * {@code exports/} (plaintext CSV for downloads), {@code pending/} (a backup not committed), {@code
 * restores/} (restore journals), the lock or temporary files.
 */
public final class SnapshotLayout {
  /** Objects by content: {@code <prefix>objects/<sha256>}. */
  public static final String OBJECTS = "objects/";

  /** Snapshot manifests: {@code <prefix>snapshots/<id>.json}, written after every object. */
  public static final String SNAPSHOTS = "snapshots/";

  /** Files above this size go up as a multipart upload, continued after an interruption. */
  public static final long MULTIPART_THRESHOLD_BYTES = 16L * 1024 * 1024;

  /** Part size of a multipart upload (S3's minimum is 5 MiB but for the last part). */
  public static final int PART_BYTES = 8 * 1024 * 1024;

  private static final Pattern SNAPSHOTTED =
      Pattern.compile(
          "keys/data-key"
              + "|manifests/[0-9]{10}\\.(?:manifest|prune)"
              + "|segments/[0-9a-f]{32}\\.seg"
              + "|blobs/[0-9a-f]{2}/[0-9a-f]{64}");

  /** The store's directories, made on restore even where a snapshot lists no file in them. */
  static final java.util.List<String> STORE_DIRECTORIES =
      java.util.List.of("keys", "manifests", "segments", "blobs");

  /** Snapshot ids: UTC time to the second, then 8 hex digits; they sort by time. */
  static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}");

  private SnapshotLayout() {}

  /** Whether a store-relative path (with {@code /}) is a file snapshots hold. */
  public static boolean isSnapshotted(String path) {
    return path != null && SNAPSHOTTED.matcher(path).matches();
  }

  static boolean isSnapshotId(String id) {
    return id != null && SNAPSHOT_ID.matcher(id).matches();
  }
}
