package io.orgvault.engine.snapshot;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Snapshot figures for docs/benchmarks.md: a full snapshot of a store built by {@code BackupBench
 * --keep-store}, the next one with nothing changed, and a restore onto an empty volume with its
 * verify, against S3Proxy on local files over loopback. Prints figures; asserts nothing.
 *
 * <p>{@code SnapshotBench --store DIR --tenant T}
 */
public final class SnapshotBench {
  private SnapshotBench() {}

  public static void main(String[] args) throws Exception {
    Path store = null;
    String tenant = "bench";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--store" -> store = Path.of(args[++i]);
        case "--tenant" -> tenant = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (store == null) {
      throw new IllegalArgumentException("--store is required");
    }
    Path tmp = Files.createTempDirectory("orgvault-snapshot-bench");
    Path credentials = tmp.resolve("credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = bench\naws_secret_access_key = bench-secret\n");
    Properties p = new Properties();
    Files.createDirectories(tmp.resolve("s3"));
    p.setProperty("jclouds.filesystem.basedir", tmp.resolve("s3").toString());
    p.setProperty("jclouds.identity", "bench");
    p.setProperty("jclouds.credential", "bench-secret");
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem-nio2", p))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    try (S3Client s3 =
        S3Clients.create(
            Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())),
            "us-east-1",
            true,
            Optional.of(credentials),
            "default")) {
      s3.createBucket(b -> b.bucket("orgvault-bench"));
      VolumeSnapshots snapshots =
          new VolumeSnapshots(
              s3, SnapshotTarget.of("orgvault-bench", "orgvault/bench/org/"), Clock.systemUTC());
      Path volume = store.resolve("volume");

      long t0 = System.nanoTime();
      SnapshotResult full = snapshots.snapshot(volume, tenant, "00D000000000001EAA");
      double fullS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      SnapshotResult again = snapshots.snapshot(volume, tenant, "00D000000000001EAA");
      double againS = (System.nanoTime() - t0) / 1e9;
      Path rebuilt = tmp.resolve("rebuilt");
      t0 = System.nanoTime();
      snapshots.restore(again.manifest().id(), rebuilt);
      double restoreS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      boolean ok;
      try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(store.resolve("kek"));
          RecordStore s = RecordStore.open(rebuilt, tenant, kek)) {
        ok = s.verify().ok();
      }
      double verifyS = (System.nanoTime() - t0) / 1e9;
      long bytes = full.manifest().totalBytes();
      System.out.printf(
          "| first snapshot | %,d files, %,d bytes | %.2f s, %.1f MB/s |%n",
          full.filesUploaded(), full.bytesUploaded(), fullS, full.bytesUploaded() / 1e6 / fullS);
      System.out.printf(
          "| next snapshot, nothing changed | %,d uploaded, %,d already stored | %.2f s |%n",
          again.filesUploaded(), again.filesAlreadyStored(), againS);
      System.out.printf(
          "| restore onto an empty volume | %,d bytes | %.2f s, %.1f MB/s |%n",
          bytes, restoreS, bytes / 1e6 / restoreS);
      System.out.printf("| verify of the rebuilt store | ok=%s | %.2f s |%n", ok, verifyS);
    } finally {
      proxy.stop();
    }
  }
}
