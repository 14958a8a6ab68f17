package io.orgvault.audit.cli;

import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit keygen}: a new Ed25519 checkpoint key pair; never overwrites a file. */
@Command(name = "keygen", description = "Write a new Ed25519 checkpoint key pair (PEM).")
final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--private-key", required = true, description = "Created mode 600.")
  Path privateKey;

  @Option(names = "--public-key", required = true)
  Path publicKey;

  private final AuditMain.Streams io;

  KeygenCommand(AuditMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    String id = Ed25519KeyFile.keyId(Ed25519KeyFile.generate(privateKey, publicKey));
    io.out().println("KEY " + id);
    io.out().flush();
    return AuditMain.OK;
  }
}
