package io.orgvault.web;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (S3Proxy on local files) for the service's snapshots, its bucket, and a
 * shared-credentials file the service reads its keys from.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {
  public static final String BUCKET = "orgvault-snapshots";
  static final String ACCESS = "test-access";
  static final String SECRET = "test-secret-key";

  private static S3Proxy proxy;
  private static URI endpoint;
  private Path dir;

  /** A client of the test's own (the assertions read the bucket directly). */
  public static S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("orgvault-s3");
      Properties p = new Properties();
      p.setProperty("jclouds.filesystem.basedir", dir.resolve("blobs").toString());
      p.setProperty("jclouds.identity", ACCESS);
      p.setProperty("jclouds.credential", SECRET);
      Files.createDirectories(dir.resolve("blobs"));
      proxy =
          S3Proxy.builder()
              .blobStore(BlobStores.create("filesystem-nio2", p))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
      try (S3Client s3 = client()) {
        s3.createBucket(b -> b.bucket(BUCKET));
      }
      Path credentials = dir.resolve("credentials");
      Files.writeString(
          credentials,
          "[default]\naws_access_key_id = "
              + ACCESS
              + "\naws_secret_access_key = "
              + SECRET
              + "\n");
      Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
      return Map.of(
          "orgvault.snapshots.enabled",
          "true",
          "orgvault.snapshots.bucket",
          BUCKET,
          "orgvault.snapshots.endpoint",
          endpoint.toString(),
          "orgvault.snapshots.path-style",
          "true",
          "orgvault.snapshots.credentials-file",
          credentials.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
  }

  @Override
  public void stop() {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } catch (Exception e) {
      // the JVM ends with the tests
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temp directory left behind is harmless
    }
  }
}
