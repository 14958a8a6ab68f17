package io.orgvault.engine.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orgvault-engine
 * backup|verify|prune|stats|compare|history|browse|export|restore|dr-restore}, for operators and
 * benchmarks. Results are JSON lines on standard output; errors a single line on standard error,
 * never with a secret: secrets are read from standard input only, and failures are reported by
 * their message, without stack traces.
 */
@Command(
    name = "orgvault-engine",
    mixinStandardHelpOptions = true,
    description = "OrgVault backup engine.")
public final class EngineMain {
  /** The standard streams a run uses, so tests can run commands in-process. */
  record Streams(InputStream in, PrintStream out, PrintStream err) {}

  public static void main(String[] args) {
    System.exit(run(new Streams(System.in, System.out, System.err), args));
  }

  static int run(Streams io, String... args) {
    CommandLine cl = new CommandLine(new EngineMain());
    cl.addSubcommand(new BackupCommand(io));
    cl.addSubcommand(new VerifyCommand(io));
    cl.addSubcommand(new PruneCommand(io));
    cl.addSubcommand(new StatsCommand(io));
    cl.addSubcommand(new CompareCommand(io));
    cl.addSubcommand(new HistoryCommand(io));
    cl.addSubcommand(new BrowseCommand(io));
    cl.addSubcommand(new ExportCommand(io));
    cl.addSubcommand(RestoreCommand.commandLine(io));
    cl.addSubcommand(new DrRestoreCommand(io));
    cl.setOut(new PrintWriter(io.out(), true));
    cl.setErr(new PrintWriter(io.err(), true));
    cl.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          io.err()
              .println("orgvault-engine: " + e.getClass().getSimpleName() + ": " + e.getMessage());
          io.err().flush();
          return 1;
        });
    return cl.execute(args);
  }
}
