package io.orgvault.simulator;

import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.DayReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Simulator-only control for benchmarks that run the simulator in its own process ({@code
 * --stdin-control}): one command per line on standard input, one answer line on standard output.
 * Standard input is a local pipe owned by the parent process, so nothing is exposed on the network.
 *
 * <ul>
 *   <li>{@code day}: runs {@code simulateDay(DayRates.typical())} and prints the day's report as
 *       one JSON line
 *   <li>{@code token}: prints a fresh access token of the integration user
 *   <li>{@code quit} (or end of input): stops
 * </ul>
 *
 * Any other line prints {@code {"error":"unknown command"}}.
 */
public final class StdinControl {
  private final Simulator sim;

  public StdinControl(Simulator sim) {
    this.sim = sim;
  }

  /** Serves commands until {@code quit} or end of input. */
  public void run(BufferedReader in, PrintStream out) throws IOException {
    for (String line; (line = in.readLine()) != null; ) {
      String command = line.trim();
      switch (command) {
        case "quit" -> {
          return;
        }
        case "day" -> out.println(json(sim.simulateDay(DayRates.typical())));
        case "token" -> out.println(sim.issueToken(sim.org().integrationUserId()));
        case "" -> {
          continue;
        }
        default -> out.println("{\"error\":\"unknown command\"}");
      }
      out.flush();
    }
  }

  static String json(DayReport r) {
    return "{\"type\":\"day\",\"day\":"
        + r.day()
        + ",\"updated\":"
        + r.updated()
        + ",\"deleted\":"
        + r.deleted()
        + ",\"inserted\":"
        + r.inserted()
        + ",\"undeleted\":"
        + r.undeleted()
        + ",\"newFiles\":"
        + r.newFiles()
        + ",\"purged\":"
        + r.purged()
        + "}";
  }
}
