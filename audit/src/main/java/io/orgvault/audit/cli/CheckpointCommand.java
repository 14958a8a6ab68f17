package io.orgvault.audit.cli;

import io.orgvault.audit.checkpoint.Checkpoint;
import io.orgvault.audit.checkpoint.Checkpointer;
import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.store.AuditTenants;
import io.orgvault.audit.verify.ChainBrokenException;
import io.orgvault.audit.verify.ChainVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit checkpoint}: signs a checkpoint at each tenant's head after verifying what was added
 * since the last one; exit 1 if a chain is broken (nothing is signed over it).
 */
@Command(name = "checkpoint", description = "Sign checkpoints at tenants' chain heads.")
final class CheckpointCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--tenant", description = "A tenant id (repeatable); default: every tenant.")
  List<String> tenants;

  @Option(names = "--private-key", required = true, description = "PKCS#8 Ed25519 key file.")
  Path privateKey;

  @Option(names = "--public-key", required = true, description = "Its public key file.")
  Path publicKey;

  @Option(names = "--old-public-key", description = "Retired keys older checkpoints used.")
  List<Path> oldKeys = new ArrayList<>();

  private final AuditMain.Streams io;

  CheckpointCommand(AuditMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    DataSource ds = db.dataSource();
    List<Path> all = new ArrayList<>(oldKeys);
    all.add(publicKey);
    Checkpointer cps =
        new Checkpointer(
            ds,
            Ed25519KeyFile.load(privateKey, publicKey),
            new ChainVerifier(ds, KeyRing.fromFiles(all)),
            Clock.systemUTC());
    int exit = AuditMain.OK;
    for (String t : tenants != null ? tenants : AuditTenants.withRows(ds)) {
      try {
        Optional<Checkpoint> cp = cps.checkpoint(t);
        io.out()
            .println(
                cp.map(c -> "SIGNED tenant " + t + " at seq " + c.seq() + " hash " + c.headHash())
                    .orElse("UNCHANGED tenant " + t));
      } catch (ChainBrokenException e) {
        io.out().printf("BROKEN tenant %s: %s%n", t, e.chainBreak());
        exit = AuditMain.BROKEN;
      }
    }
    io.out().flush();
    return exit;
  }
}
