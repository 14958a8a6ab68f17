package io.orgvault.simulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.OrgClock;
import io.orgvault.simulator.org.OrgSize;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the simulator: how fast it generates an org (every value of every row materialised once)
 * and how fast it serves a Bulk API 2.0 query's CSV results over loopback HTTPS. Prints figures;
 * asserts nothing.
 */
@Command(
    name = "simulator-bench",
    mixinStandardHelpOptions = true,
    description = "Prints the simulator's generation rate and Bulk CSV serving rate.")
public final class SimulatorBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY =
      "SELECT Id, FirstName, LastName, Email, Phone, Title, AccountId, MailingCity, SystemModstamp FROM Contact";

  @Option(names = "--contacts", description = "Contacts in the org (default: ${DEFAULT-VALUE}).")
  int contacts = 1_000_000;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--max-records",
      description = "maxRecords per results page (default: ${DEFAULT-VALUE}).")
  int maxRecords = 100_000;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "simulator bench: %,d contacts, seed %d, %d cores, max heap %,d MB%n",
        contacts, seed, rt.availableProcessors(), rt.maxMemory() >> 20);
    generation();
    bulk();
    return 0;
  }

  private void generation() {
    Instant start = Instant.parse("2026-01-05T08:00:00Z");
    long t0 = System.nanoTime();
    Org org = Org.generate(seed, new OrgSize(contacts), new OrgClock(start, false));
    long tGenerated = System.nanoTime();
    long rows = 0;
    long cells = 0;
    long checksum = 0;
    for (ObjectTable t : org.tables()) {
      int fields = t.schema().fields().size();
      for (int r = 0; r < t.size(); r++) {
        for (int f = 0; f < fields; f++) {
          Object v = t.value(r, f);
          checksum += v == null ? 0 : v.hashCode();
        }
        cells += fields;
      }
      rows += t.size();
    }
    long tMaterialised = System.nanoTime();
    System.gc();
    long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
    double secs = (tMaterialised - t0) / 1e9;
    System.out.printf(
        "generation: %,d rows (%,d values) generated and materialised in %.2f s = %,.0f rows/s "
            + "(row state %.2f s); heap after GC %,d MB [checksum %x]%n",
        rows, cells, secs, rows / secs, (tGenerated - t0) / 1e9, heap, checksum);
    if (org.table("Contact").size() != contacts) {
      throw new IllegalStateException("unexpected contact count");
    }
  }

  private void bulk() throws Exception {
    try (Simulator sim = Simulator.builder().seed(seed).contacts(contacts).port(0).start()) {
      String token = sim.issueToken(sim.org().integrationUserId());
      HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
      String base = sim.baseUrl() + "/services/data/v65.0/jobs/query";
      long t0 = System.nanoTime();
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(base))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(
                              java.util.Map.of("operation", "query", "query", QUERY))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new IllegalStateException(
            "job creation failed: " + created.statusCode() + " " + created.body());
      }
      String jobId = JSON.readTree(created.body()).get("id").asText();
      while (true) {
        JsonNode job =
            JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/" + jobId))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        String state = job.get("state").asText();
        if (state.equals("JobComplete")) {
          break;
        }
        if (state.equals("Failed") || state.equals("Aborted")) {
          throw new IllegalStateException("job " + state + ": " + job);
        }
        Thread.sleep(20);
      }
      long tReady = System.nanoTime();
      long rows = 0;
      long bytes = 0;
      String locator = null;
      byte[] buf = new byte[1 << 16];
      do {
        String url =
            base
                + "/"
                + jobId
                + "/results?maxRecords="
                + maxRecords
                + (locator == null ? "" : "&locator=" + locator);
        HttpResponse<InputStream> page =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (page.statusCode() != 200) {
          throw new IllegalStateException("results failed: " + page.statusCode());
        }
        long lines = 0;
        try (InputStream in = page.body()) {
          int n;
          while ((n = in.read(buf)) > 0) {
            bytes += n;
            for (int i = 0; i < n; i++) {
              if (buf[i] == '\n') {
                lines++;
              }
            }
          }
        }
        rows += lines - 1; // minus the header line
        locator = page.headers().firstValue("Sforce-Locator").orElse("null");
      } while (!locator.equals("null"));
      long tDone = System.nanoTime();
      double secs = (tDone - tReady) / 1e9;
      System.out.printf(
          "bulk query: job ready in %.2f s; %,d rows, %,d MB of CSV served in %.2f s = %,.0f rows/s, %.1f MB/s over loopback HTTPS%n",
          (tReady - t0) / 1e9, rows, bytes >> 20, secs, rows / secs, (bytes / 1e6) / secs);
      if (rows != contacts) {
        throw new IllegalStateException("expected " + contacts + " rows, got " + rows);
      }
    }
  }
}
