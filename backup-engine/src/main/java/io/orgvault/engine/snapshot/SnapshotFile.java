package io.orgvault.engine.snapshot;

import java.util.regex.Pattern;

/** One store file in a snapshot: its path in the store, its SHA-256 (hex) and size. */
public record SnapshotFile(String path, String sha256, long size) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public SnapshotFile {
    if (!SnapshotLayout.isSnapshotted(path)) {
      throw new SnapshotFormatException("not a store file a snapshot holds: " + quote(path));
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new SnapshotFormatException("not a SHA-256 in hex for " + path);
    }
    if (size < 0) {
      throw new SnapshotFormatException("negative size for " + path);
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
