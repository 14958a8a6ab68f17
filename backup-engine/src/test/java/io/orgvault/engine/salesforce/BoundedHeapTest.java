package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction streams: 100,000 records go through a client whose JVM has a 48 MB heap, far less than
 * holding them would take (each converted record is a map of some 20 values). A client that kept a
 * whole result would die of OutOfMemoryError. No timing is asserted.
 */
class BoundedHeapTest {
  private static final int CONTACTS = 100_000;
  private static Simulator sim;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    sim = Simulator.builder().contacts(CONTACTS).port(0).start();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void bulkStreamsAHundredThousandRecordsInASmallHeap() throws Exception {
    Result r = probe(ExtractionMethod.BULK, false);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.count()).isEqualTo(CONTACTS);
  }

  @Test
  void restStreamsAHundredThousandRecordsInASmallHeap() throws Exception {
    Result r = probe(ExtractionMethod.REST, false);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.count()).isEqualTo(CONTACTS);
  }

  @Test
  void theHeapIsTooSmallToHoldTheRecords() throws Exception {
    // The control: the same run keeping every record runs out of memory.
    Result r = probe(ExtractionMethod.BULK, true);
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("OutOfMemoryError");
  }

  private record Result(int exitCode, long count, String output) {}

  private Result probe(ExtractionMethod method, boolean keep) throws Exception {
    Path trust = dir.resolve("trust-" + method + keep + ".p12");
    try (OutputStream out = Files.newOutputStream(trust)) {
      sim.trustStore().store(out, "trust".toCharArray());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "-Xmx48m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      w.write(sim.baseUrl() + "\n");
      w.write(sim.issueToken(sim.org().integrationUserId()) + "\n");
      w.write(trust + "\n");
      w.write(method.name() + "\n");
      w.write("Contact\n");
      w.write(keep + "\n");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String line = output.lines().filter(l -> l.startsWith("COUNT ")).findFirst().orElse(null);
    System.out.println(method + (keep ? " (keeping records)" : "") + ": " + line);
    long count = line == null ? -1 : Long.parseLong(line.split(" ")[1]);
    return new Result(p.exitValue(), count, output);
  }
}
