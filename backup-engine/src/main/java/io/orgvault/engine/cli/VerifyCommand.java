package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.Damage;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orgvault-engine verify}: re-reads and authenticates the whole store. */
@Command(name = "verify", description = "Re-read and authenticate every manifest, segment, chunk.")
final class VerifyCommand implements Callable<Integer> {
  static final int DAMAGED = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  private final EngineMain.Streams io;

  VerifyCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    VerifyReport r;
    try (RecordStore s = store.open()) {
      r = s.verify();
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "verify-result");
    n.put("ok", r.ok());
    n.put("manifests", r.manifests());
    n.put("segments", r.segments());
    n.put("blocks", r.blocks());
    n.put("chunks", r.chunks());
    if (r.pendingBackup().isPresent()) {
      n.put("pendingBackup", r.pendingBackup().getAsLong());
    }
    var damages = n.putArray("damages");
    for (Damage d : r.damages()) {
      damages
          .addObject()
          .put("file", String.valueOf(d.file()))
          .put("kind", d.kind().name())
          .put("detail", d.detail());
    }
    io.out().println(n);
    io.out().flush();
    return r.ok() ? 0 : DAMAGED;
  }
}
