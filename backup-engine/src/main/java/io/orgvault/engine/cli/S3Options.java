package io.orgvault.engine.cli;

import io.orgvault.engine.snapshot.S3Clients;
import io.orgvault.engine.snapshot.SnapshotTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** Where a store's snapshots are: bucket, prefix and how to reach S3 (never keys on argv). */
final class S3Options {
  @Option(names = "--bucket", required = true, description = "The snapshot bucket.")
  String bucket;

  @Option(
      names = "--prefix",
      required = true,
      description = "The store's key prefix (the platform's: orgvault/<tenant id>/<org id>/).")
  String prefix;

  @Option(names = "--endpoint", description = "An S3-compatible endpoint instead of AWS's.")
  URI endpoint;

  @Option(
      names = "--region",
      defaultValue = "us-east-1",
      description = "Default: ${DEFAULT-VALUE}.")
  String region;

  @Option(names = "--path-style", description = "Path-style addressing (S3-compatible servers).")
  boolean pathStyle;

  @Option(
      names = "--credentials-file",
      description = "An AWS shared-credentials file (else the SDK's default chain).")
  Path credentialsFile;

  @Option(names = "--profile", defaultValue = "default", description = "Its profile.")
  String profile;

  S3Client client() {
    return S3Clients.create(
        Optional.ofNullable(endpoint),
        region,
        pathStyle,
        Optional.ofNullable(credentialsFile),
        profile);
  }

  SnapshotTarget target() {
    return SnapshotTarget.of(bucket, prefix);
  }
}
