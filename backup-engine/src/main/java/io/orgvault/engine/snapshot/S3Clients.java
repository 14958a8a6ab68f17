package io.orgvault.engine.snapshot;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client snapshots use: the JDK's HTTP stack; keys from an AWS shared-credentials file
 * (0600) when one is named, else the SDK's default chain (an instance or pod role). Keys never come
 * from a command line or this process's own configuration.
 */
public final class S3Clients {
  private S3Clients() {}

  /**
   * @param endpoint an S3-compatible endpoint instead of AWS's regional one
   * @param pathStyle {@code endpoint/bucket/key} addressing, which most S3-compatible servers need
   */
  public static S3Client create(
      Optional<URI> endpoint,
      String region,
      boolean pathStyle,
      Optional<Path> credentialsFile,
      String profile) {
    var b =
        S3Client.builder()
            .region(Region.of(region))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(credentials(credentialsFile, profile))
            .forcePathStyle(pathStyle);
    endpoint.ifPresent(b::endpointOverride);
    return b.build();
  }

  private static AwsCredentialsProvider credentials(Optional<Path> file, String profile) {
    return file.<AwsCredentialsProvider>map(
            f ->
                ProfileCredentialsProvider.builder()
                    .profileFile(
                        ProfileFile.builder().content(f).type(ProfileFile.Type.CREDENTIALS).build())
                    .profileName(profile)
                    .build())
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
