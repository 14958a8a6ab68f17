package io.orgvault.audit.cli;

import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.store.AuditTenants;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit verify --tenant X}: one line per tenant, "OK ..." or "BROKEN ..." naming the first
 * broken link; exit 1 if any is broken.
 */
@Command(name = "verify", description = "Re-walk tenants' chains and checkpoints.")
final class VerifyCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @ArgGroup(multiplicity = "1")
  Tenants tenants;

  static final class Tenants {
    @Option(names = "--tenant", description = "A tenant id (repeatable).")
    List<String> ids;

    @Option(names = "--all-tenants", description = "Every tenant that has audit rows.")
    boolean all;
  }

  @Option(
      names = "--public-key",
      required = true,
      description = "A checkpoint public key file (PEM or DER; repeatable, old keys included).")
  List<Path> publicKeys;

  private final AuditMain.Streams io;

  VerifyCommand(AuditMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    DataSource ds = db.dataSource();
    ChainVerifier verifier = new ChainVerifier(ds, KeyRing.fromFiles(publicKeys));
    List<String> ids = tenants.all ? AuditTenants.withRows(ds) : tenants.ids;
    int exit = AuditMain.OK;
    for (String t : ids) {
      VerifyResult r = verifier.verify(t);
      if (r.ok()) {
        io.out()
            .printf(
                "OK tenant %s: %d rows, %d checkpoints, head seq %d hash %s%s%n",
                t,
                r.rowsChecked(),
                r.checkpointsChecked(),
                r.verifiedSeq(),
                r.verifiedHash(),
                r.firstSeq() > 1 ? ", rows before seq " + r.firstSeq() + " pruned" : "");
      } else {
        io.out().printf("BROKEN tenant %s: %s%n", t, r.firstBreak().get());
        exit = AuditMain.BROKEN;
      }
    }
    io.out().flush();
    return exit;
  }
}
