package io.orgvault.web.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One process of the packaged service (target/quarkus-app), as production starts it. */
final class ServiceInstance implements AutoCloseable {
  final String name;
  final int port;
  final Process process;
  final Path log;

  private ServiceInstance(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  static ServiceInstance start(String name, Map<String, String> config, Path logDir)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-Dquarkus.http.port=" + port);
    // Quartz's instance id names the node in backup_run.node
    cmd.add("-Dquarkus.quartz.instance-id=" + name);
    config.forEach((k, v) -> cmd.add("-D" + k + "=" + v.replace("{instance}", name)));
    cmd.add("-jar");
    cmd.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServiceInstance i = new ServiceInstance(name, port, p, log);
    i.awaitReady();
    return i;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(name + " not ready in time:\n" + Files.readString(log));
  }

  /**
   * kill -9 of the service's JVM only: no shutdown hook, no goodbye to the cluster. Its sandbox
   * dies with it (bubblewrap's --die-with-parent), as on a host that loses the service.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
