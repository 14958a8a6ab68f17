package io.orgvault.audit.syslog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd with a TLS listener (imtcp + gtls), unprivileged on a high port with its own
 * config, pid file and work directory, prepared by src/test/scripts/rsyslog-tls-fixture.sh. When
 * rsyslog is missing or will not start the test fails with the reason: it never skips.
 */
final class RsyslogServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final int port;
  private Process process;

  private RsyslogServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Prepares certificates and config in a fresh directory; the daemon is not started yet. */
  static RsyslogServer prepare() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("orgvault-rsyslog-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path script = Path.of("src/test/scripts/rsyslog-tls-fixture.sh").toAbsolutePath();
    Process p =
        new ProcessBuilder("bash", script.toString(), dir.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "cannot prepare the test rsyslogd (run scripts/ensure-test-deps.sh): " + out.strip());
    }
    return new RsyslogServer(dir, port);
  }

  Path caPem() {
    return dir.resolve("ca.pem");
  }

  /** Starts rsyslogd and waits until its TLS port accepts connections. */
  void start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
    }
    cmd.addAll(
        List.of(
            "rsyslogd",
            "-n",
            "-f",
            dir.resolve("rsyslog.conf").toString(),
            "-i",
            dir.resolve("rsyslogd.pid").toString()));
    Path log = dir.resolve("rsyslogd.stderr");
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "rsyslogd exited with " + process.exitValue() + ": " + Files.readString(log).strip());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("rsyslogd did not listen on " + port + ": " + Files.readString(log));
  }

  /** SIGTERM, as a service manager would stop it. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    process = null;
  }

  /** Every message rsyslog wrote, as it parsed them, in arrival order. */
  List<JsonNode> messages() throws IOException {
    Path f = dir.resolve("out/messages.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(f)) {
      return out;
    }
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /** Waits until at least n messages arrived; returns them all. */
  List<JsonNode> awaitMessages(int n) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<JsonNode> m = messages();
    while (m.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
      m = messages();
    }
    return m;
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
