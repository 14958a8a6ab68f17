package io.orgvault.web.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Snapshots of tenant stores to S3 for disaster recovery ({@code orgvault.snapshots.*}). */
@ConfigMapping(prefix = "orgvault.snapshots")
public interface SnapshotSettings {
  /** Off until a bucket is configured: then twice a day, every active tenant's stores. */
  @WithDefault("false")
  boolean enabled();

  Optional<String> bucket();

  /** Keys go under {@code <prefix><tenant id>/<org id>/}. */
  @WithDefault("orgvault/")
  String prefix();

  /** An S3-compatible endpoint instead of AWS's regional one. */
  Optional<URI> endpoint();

  @WithDefault("us-east-1")
  String region();

  /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need. */
  @WithDefault("false")
  boolean pathStyle();

  /**
   * An AWS shared credentials file (0600) and its profile; without one the SDK's default chain (an
   * instance or pod role in production). Never keys in this configuration.
   */
  Optional<Path> credentialsFile();

  @WithDefault("default")
  String credentialsProfile();

  /** When the snapshots run, {@code HH:mm} in {@link #timeZone()}. */
  @WithDefault("02:00,14:00")
  List<String> times();

  @WithDefault("UTC")
  String timeZone();

  /** Snapshots kept per store (14: a week at two a day). */
  @WithDefault("14")
  int keep();

  /** {@code AES256} or {@code aws:kms} on every object; empty: the bucket's default. */
  Optional<String> serverSideEncryption();

  Optional<String> kmsKeyId();

  /** {@code GOVERNANCE} or {@code COMPLIANCE} (the bucket must have object lock on). */
  Optional<String> objectLockMode();

  @WithDefault("P30D")
  Duration objectLockRetention();
}
