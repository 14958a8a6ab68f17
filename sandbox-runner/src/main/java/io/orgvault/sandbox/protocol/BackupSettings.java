package io.orgvault.sandbox.protocol;

import java.util.Set;

/** The backup options of a {@code backup} job; the defaults are the engine CLI's. */
public record BackupSettings(
    Set<String> include,
    Set<String> exclude,
    long overlapMinutes,
    long bulkThreshold,
    long bufferBytes) {
  public static final long DEFAULT_OVERLAP_MINUTES = 5;
  public static final long DEFAULT_BULK_THRESHOLD = 10_000;
  public static final long DEFAULT_BUFFER_BYTES = 64L * 1024 * 1024;

  public BackupSettings {
    include = Set.copyOf(include);
    exclude = Set.copyOf(exclude);
    if (overlapMinutes < 0 || bulkThreshold < 0 || bufferBytes <= 0) {
      throw new ProtocolException(
          "backup: overlapMinutes and bulkThreshold must be >= 0, bufferBytes > 0");
    }
  }

  public static BackupSettings defaults() {
    return new BackupSettings(
        Set.of(), Set.of(), DEFAULT_OVERLAP_MINUTES, DEFAULT_BULK_THRESHOLD, DEFAULT_BUFFER_BYTES);
  }
}
