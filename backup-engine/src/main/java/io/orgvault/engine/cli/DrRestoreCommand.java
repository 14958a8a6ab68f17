package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.snapshot.SnapshotManifest;
import io.orgvault.engine.snapshot.VolumeSnapshots;
import io.orgvault.engine.store.Damage;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.VerifyReport;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code orgvault-engine dr-restore}: rebuilds a store from one of its S3 snapshots on an empty
 * volume, then verifies it with the platform KEK. Exit 0 when it verifies, 2 when it is damaged.
 */
@Command(
    name = "dr-restore",
    description = "Rebuild a store from an S3 snapshot on an empty volume, then verify it.")
final class DrRestoreCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;
  @Mixin S3Options s3;

  @Option(
      names = "--snapshot",
      defaultValue = "latest",
      description = "The snapshot id, or latest (default).")
  String snapshot;

  @Option(names = "--list", description = "Only list the snapshot ids, oldest first.")
  boolean list;

  private final EngineMain.Streams io;

  DrRestoreCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    try (S3Client client = s3.client()) {
      VolumeSnapshots snapshots = new VolumeSnapshots(client, s3.target(), Clock.systemUTC());
      if (list) {
        List<String> ids = snapshots.list();
        ObjectNode n = JSON.createObjectNode().put("type", "snapshots");
        ids.forEach(n.putArray("snapshots")::add);
        io.out().println(n);
        return 0;
      }
      String id =
          "latest".equals(snapshot)
              ? snapshots
                  .latest()
                  .orElseThrow(() -> new IllegalStateException("no snapshot under that prefix"))
                  .id()
              : snapshot;
      SnapshotManifest m = snapshots.restore(id, store.volume);
      VerifyReport r;
      try (RecordStore s = store.open()) {
        r = s.verify();
      }
      ObjectNode n = JSON.createObjectNode();
      n.put("type", "dr-restore-result");
      n.put("snapshot", m.id());
      n.put("createdAt", m.createdAt().toString());
      n.put("files", m.files().size());
      n.put("bytes", m.totalBytes());
      n.put("ok", r.ok());
      n.put("manifests", r.manifests());
      n.put("segments", r.segments());
      var damages = n.putArray("damages");
      for (Damage d : r.damages()) {
        damages.addObject().put("file", String.valueOf(d.file())).put("kind", d.kind().name());
      }
      io.out().println(n);
      return r.ok() ? 0 : VerifyCommand.DAMAGED;
    } finally {
      io.out().flush();
    }
  }
}
