package io.orgvault.audit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code audit verify|checkpoint|keygen}. Exit codes: 0 the chain is intact (or the command
 * succeeded), 1 a chain is broken, 2 the command line is wrong, 3 the command could not run
 * (database unreachable, unreadable key). Errors are one line on standard error, without stack
 * traces or secrets: the database password is only ever read from a file.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "OrgVault audit log: verify chains, sign checkpoints, make checkpoint keys.")
public final class AuditMain {
  public static final int OK = 0;
  public static final int BROKEN = 1;
  public static final int USAGE = 2;
  public static final int FAILED = 3;

  /** The standard streams a run uses, so tests run commands in-process. */
  record Streams(PrintStream out, PrintStream err) {}

  public static void main(String[] args) {
    System.exit(run(new Streams(System.out, System.err), args));
  }

  static int run(Streams io, String... args) {
    CommandLine cl = new CommandLine(new AuditMain());
    cl.addSubcommand(new VerifyCommand(io));
    cl.addSubcommand(new CheckpointCommand(io));
    cl.addSubcommand(new KeygenCommand(io));
    cl.setOut(new PrintWriter(io.out(), true));
    cl.setErr(new PrintWriter(io.err(), true));
    cl.setParameterExceptionHandler(
        (e, a) -> {
          io.err().println("audit: " + e.getMessage());
          e.getCommandLine().usage(io.err());
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          io.err().println("audit: " + e.getClass().getSimpleName() + ": " + e.getMessage());
          io.err().flush();
          return FAILED;
        });
    return cl.execute(args);
  }
}
