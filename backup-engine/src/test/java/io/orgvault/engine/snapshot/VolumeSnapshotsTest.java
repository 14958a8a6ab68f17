package io.orgvault.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.RetentionPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** Snapshots of a real store to a real S3 API server (S3Proxy, in-process, on local files). */
class VolumeSnapshotsTest {
  static final String TENANT = "tenant-acme";
  static final String ORG = "00D000000000001EAA";
  static final String BUCKET = "orgvault-dr";
  static final List<FieldSchema> CONTACT =
      List.of(FieldSchema.of("Id", "id"), new FieldSchema("LastName", "string", 80, 0, 0));

  /** S3's smallest part but the last. */
  static final int PART = 5 * 1024 * 1024;

  @RegisterExtension
  static final S3ProxyExtension S3 =
      S3ProxyExtension.builder().withCredentials("access", "secret-access").build();

  @TempDir Path dir;
  Path volume;
  KeyEncryptionKey kek;
  S3Client s3;
  SnapshotTarget target = SnapshotTarget.of(BUCKET, "orgvault/" + TENANT + "/" + ORG);
  Instant now = Instant.parse("2026-11-23T06:00:00Z");

  @BeforeEach
  void setUp() throws Exception {
    volume = dir.resolve("volume");
    FileKeyEncryptionKey.generate(dir.resolve("kek.key"));
    kek = FileKeyEncryptionKey.load(dir.resolve("kek.key"));
    RecordStore.create(volume, TENANT, kek).close();
    s3 = client(List.of());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterEach
  void tearDown() {
    s3.close();
    kek.close();
  }

  private S3Client client(List<ExecutionInterceptor> interceptors) {
    return S3Client.builder()
        .endpointOverride(S3.getUri())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3.getAccessKey(), S3.getSecretKey())))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor))
        .build();
  }

  private VolumeSnapshots snapshots(S3Client client) {
    now = now.plus(Duration.ofHours(12));
    return new VolumeSnapshots(client, target, Clock.fixed(now, ZoneOffset.UTC), 6L << 20, PART);
  }

  /** A backup of {@code rows} Contacts with random text from {@code seed}, and a file body. */
  private void backup(int from, int rows, int textChars, long seed) throws IOException {
    Random r = new Random(seed);
    try (RecordStore store = RecordStore.open(volume, TENANT, kek);
        BackupWriter b = store.beginBackup(ORG)) {
      byte[] body = new byte[300_000];
      r.nextBytes(body);
      b.writeBlob(new ByteArrayInputStream(body));
      ObjectWriter w = b.object("Contact", CONTACT);
      for (int i = from; i < from + rows; i++) {
        byte[] text = new byte[textChars * 3 / 4];
        r.nextBytes(text);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Id", String.format("003%015d", i));
        f.put("LastName", Base64.getEncoder().encodeToString(text));
        w.add(RecordVersion.upsert("Contact", String.format("003%015d", i), 1_700_000_000_000L, f));
      }
      b.commit();
    }
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(p).toString();
        if (SnapshotLayout.isSnapshotted(rel)) {
          out.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private List<String> objectKeys(String under) {
    return s3
        .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(target.prefix() + under))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  private byte[] object(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  @Test
  void aSnapshotHoldsTheStoresCiphertextOnlyAndRebuildsItByteForByte() throws Exception {
    backup(0, 200, 40, 1);
    backup(150, 200, 40, 2);
    // plaintext the host serves and a backup in progress: never in a snapshot
    Files.createDirectories(volume.resolve("exports"));
    Files.writeString(volume.resolve("exports/contacts.csv"), "Id,LastName\n003,Secret\n");
    Map<String, byte[]> before = tree(volume);

    SnapshotResult r = snapshots(s3).snapshot(volume, TENANT, ORG);

    assertThat(r.manifest().files())
        .extracting(SnapshotFile::path)
        .containsExactlyInAnyOrderElementsOf(before.keySet())
        .contains("keys/data-key", "manifests/0000000002.manifest")
        .noneMatch(p -> p.startsWith("exports/"));
    assertThat(r.filesUploaded()).isEqualTo(before.size());
    assertThat(r.filesAlreadyStored()).isZero();
    // every object is the file's exact bytes, under its SHA-256
    for (SnapshotFile f : r.manifest().files()) {
      assertThat(object(target.objectKey(f.sha256()))).isEqualTo(before.get(f.path()));
    }
    assertThat(objectKeys(SnapshotLayout.OBJECTS)).hasSize(before.size());
    for (String key : objectKeys("")) {
      assertThat(new String(object(key), StandardCharsets.ISO_8859_1)).doesNotContain("Secret");
    }

    // the volume is lost; an empty one gets the store back, byte for byte, and it verifies
    Path rebuilt = dir.resolve("rebuilt");
    snapshots(s3).restore(r.manifest().id(), rebuilt);
    Map<String, byte[]> after = tree(rebuilt);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
    try (RecordStore store = RecordStore.open(rebuilt, TENANT, kek)) {
      assertThat(store.backups()).containsExactly(1L, 2L);
      assertThat(store.verify().ok()).isTrue();
    }
    assertThatThrownBy(() -> snapshots(s3).restore(r.manifest().id(), rebuilt))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("empty volume");
  }

  @Test
  void theNextSnapshotUploadsOnlyTheFilesTheBucketLacks() throws Exception {
    backup(0, 100, 40, 1);
    SnapshotResult first = snapshots(s3).snapshot(volume, TENANT, ORG);
    Map<String, byte[]> before = tree(volume);
    backup(50, 100, 40, 2);
    Map<String, byte[]> after = tree(volume);
    long added = after.keySet().stream().filter(p -> !before.containsKey(p)).count();

    SnapshotResult second = snapshots(s3).snapshot(volume, TENANT, ORG);

    assertThat(added).isPositive();
    assertThat(second.filesUploaded()).isEqualTo(added);
    assertThat(second.filesAlreadyStored()).isEqualTo(before.size());
    assertThat(snapshots(s3).list()).containsExactly(first.manifest().id(), second.manifest().id());
  }

  @Test
  void anUploadCutOffMidFileIsContinuedByTheNextRun() throws Exception {
    backup(0, 14_000, 1000, 3); // one segment over 6 MiB: a multipart upload of 5 MiB parts
    AtomicInteger parts = new AtomicInteger();
    ExecutionInterceptor cut =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest && parts.incrementAndGet() > 1) {
              throw new IllegalStateException("connection cut");
            }
          }
        };
    try (S3Client flaky = client(List.of(cut))) {
      assertThatThrownBy(() -> snapshots(flaky).snapshot(volume, TENANT, ORG))
          .hasMessageContaining("connection cut");
    }
    assertThat(snapshots(s3).list()).isEmpty(); // no manifest: no snapshot

    SnapshotResult r = snapshots(s3).snapshot(volume, TENANT, ORG);
    assertThat(r.partsResumed()).isEqualTo(1);
    Path rebuilt = dir.resolve("rebuilt");
    snapshots(s3).restore(r.manifest().id(), rebuilt);
    assertThat(tree(rebuilt).keySet()).isEqualTo(tree(volume).keySet());
    try (RecordStore store = RecordStore.open(rebuilt, TENANT, kek)) {
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void aTamperedOrMissingObjectStopsTheRestoreNamingTheFile() throws Exception {
    backup(0, 100, 40, 1);
    SnapshotManifest m = snapshots(s3).snapshot(volume, TENANT, ORG).manifest();
    SnapshotFile victim =
        m.files().stream().filter(f -> f.path().startsWith("segments/")).findFirst().orElseThrow();
    byte[] bytes = object(target.objectKey(victim.sha256()));
    bytes[bytes.length / 2] ^= 1;
    s3.putObject(
        b -> b.bucket(BUCKET).key(target.objectKey(victim.sha256())), RequestBody.fromBytes(bytes));

    Path rebuilt = dir.resolve("rebuilt");
    assertThatThrownBy(() -> snapshots(s3).restore(m.id(), rebuilt))
        .isInstanceOf(SnapshotIntegrityException.class)
        .hasMessageContaining(victim.path())
        .extracting(e -> ((SnapshotIntegrityException) e).path())
        .isEqualTo(victim.path());
    assertThat(rebuilt.resolve(victim.path())).doesNotExist();
    try (Stream<Path> left = Files.walk(rebuilt)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".restore-"));
    }

    s3.deleteObject(b -> b.bucket(BUCKET).key(target.objectKey(victim.sha256())));
    assertThatThrownBy(() -> snapshots(s3).restore(m.id(), dir.resolve("again")))
        .isInstanceOf(SnapshotIntegrityException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void manifestsOfAnotherVersionOrNamingPathsOutsideTheStoreAreRefused() throws Exception {
    backup(0, 10, 40, 1);
    SnapshotManifest m = snapshots(s3).snapshot(volume, TENANT, ORG).manifest();
    String json = new String(m.toJson(), StandardCharsets.UTF_8);
    String key = target.manifestKey(m.id());

    s3.putObject(
        b -> b.bucket(BUCKET).key(key),
        RequestBody.fromString(json.replace("\"version\":1", "\"version\":2")));
    assertThatThrownBy(() -> snapshots(s3).manifest(m.id()))
        .isInstanceOf(SnapshotFormatException.class)
        .hasMessageContaining("version 2");

    s3.putObject(
        b -> b.bucket(BUCKET).key(key),
        RequestBody.fromString(json.replace("keys/data-key", "../../etc/cron.d/x")));
    assertThatThrownBy(() -> snapshots(s3).restore(m.id(), dir.resolve("rebuilt")))
        .isInstanceOf(SnapshotFormatException.class);
    assertThat(dir.resolve("etc")).doesNotExist();

    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("{not json"));
    assertThatThrownBy(() -> snapshots(s3).manifest(m.id()))
        .isInstanceOf(SnapshotFormatException.class);
  }

  @Test
  void pruningKeepsTheNewestSnapshotsAndOnlyTheObjectsTheyList() throws Exception {
    backup(0, 100, 40, 1);
    snapshots(s3).snapshot(volume, TENANT, ORG);
    backup(0, 100, 40, 2); // every row changes: the first segment is only in older backups
    snapshots(s3).snapshot(volume, TENANT, ORG);
    try (RecordStore store = RecordStore.open(volume, TENANT, kek)) {
      // the store drops backup 1 and collects its segment
      store.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), false, false));
    }
    SnapshotResult last = snapshots(s3).snapshot(volume, TENANT, ORG);

    SnapshotPruneResult p = snapshots(s3).prune(1);

    assertThat(p.kept()).containsExactly(last.manifest().id());
    assertThat(p.dropped()).hasSize(2);
    assertThat(p.objectsDeleted()).isPositive();
    assertThat(p.retained()).isZero();
    assertThat(objectKeys(SnapshotLayout.OBJECTS))
        .containsExactlyInAnyOrderElementsOf(
            last.manifest().files().stream()
                .map(f -> target.objectKey(f.sha256()))
                .distinct()
                .toList());
    Path rebuilt = dir.resolve("rebuilt");
    snapshots(s3).restore(last.manifest().id(), rebuilt);
    try (RecordStore store = RecordStore.open(rebuilt, TENANT, kek)) {
      assertThat(store.verify().ok()).isTrue();
    }
  }
}
