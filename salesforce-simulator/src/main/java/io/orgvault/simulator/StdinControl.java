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
 *       one JSON line; {@code day F} scales every rate of the typical day by F (e.g. {@code day
 *       0.1}, {@code day 10}), the new files rounded
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
      if (command.startsWith("day ")) {
        out.println(scaledDay(command.substring(4).trim()));
        out.flush();
        continue;
      }
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

  private String scaledDay(String factor) {
    double f;
    try {
      f = Double.parseDouble(factor);
    } catch (NumberFormatException e) {
      return "{\"error\":\"not a scale factor\"}";
    }
    if (!(f >= 0) || Double.isInfinite(f)) {
      return "{\"error\":\"not a scale factor\"}";
    }
    DayRates t = DayRates.typical();
    DayRates scaled =
        new DayRates(
            t.updated() * f,
            t.deleted() * f,
            t.inserted() * f,
            t.undeleted() * f,
            (int) Math.round(t.newFiles() * f));
    return json(sim.simulateDay(scaled));
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
