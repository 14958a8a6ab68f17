package io.orgvault.web.snapshot.service;

import io.orgvault.engine.snapshot.S3Clients;
import io.orgvault.engine.snapshot.SnapshotTarget;
import io.orgvault.web.snapshot.SnapshotSettings;
import io.orgvault.web.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client and the per-store targets of the configured snapshot bucket. */
@ApplicationScoped
public class SnapshotStorage {
  @Inject SnapshotSettings settings;

  private S3Client client;

  /** The client, built on first use (an instance without snapshots never needs credentials). */
  public synchronized S3Client client() {
    if (client == null) {
      client =
          S3Clients.create(
              settings.endpoint(),
              settings.region(),
              settings.pathStyle(),
              settings.credentialsFile(),
              settings.credentialsProfile());
    }
    return client;
  }

  /** Where one org store of a tenant goes: {@code <prefix><tenant>/<org>/}. */
  public SnapshotTarget target(TenantId tenant, String sfOrgId) {
    String bucket =
        settings
            .bucket()
            .orElseThrow(() -> new IllegalStateException("orgvault.snapshots.bucket is not set"));
    return new SnapshotTarget(
        bucket,
        settings.prefix() + tenant + "/" + sfOrgId + "/",
        settings.serverSideEncryption(),
        settings.kmsKeyId(),
        settings.objectLockMode(),
        settings.objectLockRetention());
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
