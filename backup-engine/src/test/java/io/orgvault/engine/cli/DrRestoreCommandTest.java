package io.orgvault.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import io.orgvault.engine.snapshot.S3Clients;
import io.orgvault.engine.snapshot.SnapshotResult;
import io.orgvault.engine.snapshot.SnapshotTarget;
import io.orgvault.engine.snapshot.VolumeSnapshots;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code orgvault-engine dr-restore} against a real S3 API server (S3Proxy, in-process). */
class DrRestoreCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TENANT = "tenant-acme";

  @RegisterExtension
  static final S3ProxyExtension S3 =
      S3ProxyExtension.builder().withCredentials("access", "secret-access").build();

  @TempDir Path dir;

  private record Run(int exit, JsonNode result, String err) {}

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        EngineMain.run(
            new EngineMain.Streams(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    String o = out.toString(StandardCharsets.UTF_8).trim();
    return new Run(
        exit, o.isEmpty() ? null : JSON.readTree(o), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLostVolumeIsRebuiltFromItsLatestSnapshotAndVerified() throws Exception {
    Path kekFile = dir.resolve("kek.key");
    FileKeyEncryptionKey.generate(kekFile);
    Path volume = dir.resolve("volume");
    try (KeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile);
        RecordStore store = RecordStore.create(volume, TENANT, kek);
        BackupWriter b = store.beginBackup("00D000000000001EAA")) {
      ObjectWriter w = b.object("Contact", List.of(FieldSchema.of("Id", "id")));
      for (int i = 0; i < 50; i++) {
        String id = String.format("003%015d", i);
        w.add(RecordVersion.upsert("Contact", id, 1_700_000_000_000L, Map.of("Id", id)));
      }
      b.commit();
    }
    Path credentials = dir.resolve("credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = "
            + S3.getAccessKey()
            + "\naws_secret_access_key = "
            + S3.getSecretKey()
            + "\n");
    SnapshotResult taken;
    try (S3Client s3 =
        S3Clients.create(
            Optional.of(S3.getUri()), "us-east-1", true, Optional.of(credentials), "default")) {
      s3.createBucket(c -> c.bucket("orgvault-dr"));
      taken =
          new VolumeSnapshots(
                  s3, SnapshotTarget.of("orgvault-dr", "orgvault/t/o"), Clock.systemUTC())
              .snapshot(volume, TENANT, "00D000000000001EAA");
    }
    String[] where = {
      "--bucket",
      "orgvault-dr",
      "--prefix",
      "orgvault/t/o/",
      "--endpoint",
      S3.getUri().toString(),
      "--path-style",
      "--credentials-file",
      credentials.toString()
    };

    Run listed =
        run(
            concat(
                new String[] {
                  "dr-restore",
                  "--list",
                  "--volume",
                  "unused",
                  "--tenant",
                  TENANT,
                  "--kek",
                  kekFile.toString()
                },
                where));
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.result().path("snapshots").get(0).asText()).isEqualTo(taken.manifest().id());

    Path rebuilt = dir.resolve("rebuilt");
    Run r =
        run(
            concat(
                new String[] {
                  "dr-restore",
                  "--volume",
                  rebuilt.toString(),
                  "--tenant",
                  TENANT,
                  "--kek",
                  kekFile.toString()
                },
                where));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.result().path("ok").asBoolean()).isTrue();
    assertThat(r.result().path("snapshot").asText()).isEqualTo(taken.manifest().id());
    assertThat(r.result().path("files").asInt()).isEqualTo(taken.manifest().files().size());
    assertThat(Files.readAllBytes(rebuilt.resolve("manifests/0000000001.manifest")))
        .isEqualTo(Files.readAllBytes(volume.resolve("manifests/0000000001.manifest")));

    // a volume that is not empty is refused, and nothing in it is touched
    Run again =
        run(
            concat(
                new String[] {
                  "dr-restore",
                  "--volume",
                  rebuilt.toString(),
                  "--tenant",
                  TENANT,
                  "--kek",
                  kekFile.toString()
                },
                where));
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).contains("empty volume");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
