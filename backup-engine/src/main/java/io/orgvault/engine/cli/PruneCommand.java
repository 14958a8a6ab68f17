package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.store.GcReport;
import io.orgvault.engine.store.RecordStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code orgvault-engine prune}: garbage collection of what no backup references (temporary files,
 * segments of abandoned runs, unreferenced chunks). The store has no retention policy yet, so no
 * backup is dropped.
 */
@Command(name = "prune", description = "Remove files no committed backup references.")
final class PruneCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  private final EngineMain.Streams io;

  PruneCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    GcReport r;
    try (RecordStore s = store.open()) {
      r = s.collectGarbage();
    }
    io.out()
        .println(
            JSON.createObjectNode()
                .put("type", "prune-result")
                .put("tempFiles", r.tempFiles())
                .put("segments", r.segments())
                .put("chunks", r.chunks()));
    io.out().flush();
    return 0;
  }
}
