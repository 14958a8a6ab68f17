package io.orgvault.web.snapshot.service;

import io.orgvault.engine.snapshot.SnapshotTarget;
import io.orgvault.web.snapshot.SnapshotSettings;
import io.orgvault.web.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 client and the per-store targets of the configured snapshot bucket. */
@ApplicationScoped
public class SnapshotStorage {
  @Inject SnapshotSettings settings;

  private S3Client client;

  /** The client, built on first use (an instance without snapshots never needs credentials). */
  public synchronized S3Client client() {
    if (client == null) {
      var b =
          S3Client.builder()
              .region(Region.of(settings.region()))
              .httpClient(UrlConnectionHttpClient.create())
              .credentialsProvider(credentials())
              .forcePathStyle(settings.pathStyle());
      settings.endpoint().ifPresent(b::endpointOverride);
      client = b.build();
    }
    return client;
  }

  private AwsCredentialsProvider credentials() {
    return settings
        .credentialsFile()
        .<AwsCredentialsProvider>map(
            f ->
                ProfileCredentialsProvider.builder()
                    .profileFile(
                        ProfileFile.builder().content(f).type(ProfileFile.Type.CREDENTIALS).build())
                    .profileName(settings.credentialsProfile())
                    .build())
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
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
