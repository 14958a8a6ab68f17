package io.orgvault.engine.snapshot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one store's snapshots go: a bucket and a key prefix of its own (e.g. {@code
 * orgvault/<tenant>/<org>/}), with the server-side encryption and object lock to ask S3 for.
 *
 * @param serverSideEncryption {@code AES256}, {@code aws:kms}, or empty for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms} (empty: the account's default key)
 * @param objectLockMode {@code GOVERNANCE} or {@code COMPLIANCE} (the bucket must have object lock
 *     enabled), or empty
 * @param objectLockRetention how long each uploaded object is locked
 */
public record SnapshotTarget(
    String bucket,
    String prefix,
    Optional<String> serverSideEncryption,
    Optional<String> kmsKeyId,
    Optional<String> objectLockMode,
    Duration objectLockRetention) {
  public SnapshotTarget {
    Objects.requireNonNull(bucket, "bucket");
    if (prefix == null || prefix.startsWith("/") || prefix.contains("..")) {
      throw new IllegalArgumentException("a snapshot prefix is relative, without '..'");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    serverSideEncryption.ifPresent(
        s -> {
          if (!s.equals("AES256") && !s.equals("aws:kms")) {
            throw new IllegalArgumentException("server-side encryption is AES256 or aws:kms");
          }
        });
    objectLockMode.ifPresent(
        m -> {
          if (!m.equals("GOVERNANCE") && !m.equals("COMPLIANCE")) {
            throw new IllegalArgumentException("object lock mode is GOVERNANCE or COMPLIANCE");
          }
        });
    if (objectLockMode.isPresent()
        && (objectLockRetention == null
            || objectLockRetention.isNegative()
            || objectLockRetention.isZero())) {
      throw new IllegalArgumentException("an object lock needs a positive retention");
    }
  }

  /** No encryption settings beyond the bucket's own, no object lock. */
  public static SnapshotTarget of(String bucket, String prefix) {
    return new SnapshotTarget(
        bucket, prefix, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO);
  }

  String objectKey(String sha256) {
    return prefix + SnapshotLayout.OBJECTS + sha256;
  }

  String manifestKey(String id) {
    return prefix + SnapshotLayout.SNAPSHOTS + id + ".json";
  }
}
