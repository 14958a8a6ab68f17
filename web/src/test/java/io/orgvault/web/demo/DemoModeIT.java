package io.orgvault.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.salesforce.TrustStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./orgvault demo} as a user runs it, on the packaged service: the script re-augments a copy
 * with the demo profile (H2, RAM Quartz store), starts the simulator and the service, the demo
 * bootstrap connects the simulated org by JWT bearer and runs a first backup; the printed
 * credentials work; Ctrl-C (SIGINT) stops both processes. A second start resumes the same demo.
 */
class DemoModeIT {
  private static final Pattern TENANT_KEY =
      Pattern.compile("\\b(ovk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43})\\b");
  private static final Pattern OPERATOR_KEY =
      Pattern.compile("\\b(ovo_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43})\\b");
  private static final Pattern FIRST_BACKUP =
      Pattern.compile("OrgVault demo: first backup \\S+: (\\w+) \\((\\d+) rows");

  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One run of the script, its output collected line by line. */
  private final class Demo implements AutoCloseable {
    final Process process;
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    final int httpPort;
    final int httpsPort;

    Demo(Path demoDir) throws IOException {
      httpPort = freePort();
      httpsPort = freePort();
      ProcessBuilder pb =
          new ProcessBuilder("./orgvault", "demo", "--size", "500")
              .directory(Path.of("..").toAbsolutePath().normalize().toFile())
              .redirectErrorStream(true);
      pb.environment().put("ORGVAULT_DEMO_SKIP_BUILD", "1");
      pb.environment().put("ORGVAULT_DEMO_DIR", demoDir.toString());
      pb.environment().put("ORGVAULT_SIMULATOR_PORT", Integer.toString(freePort()));
      pb.environment().put("ORGVAULT_DEMO_HTTP_PORT", Integer.toString(httpPort));
      pb.environment().put("ORGVAULT_DEMO_HTTPS_PORT", Integer.toString(httpsPort));
      process = pb.start();
      CompletableFuture.runAsync(() -> drain(process.getInputStream()));
    }

    private void drain(InputStream in) {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          lines.add(l);
        }
      } catch (IOException ended) {
        // the process is gone
      }
    }

    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }

    /**
     * Waits for the bootstrap's last line; fails with the output when the demo did not get there.
     */
    Matcher awaitFirstBackup() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (System.nanoTime() < deadline) {
        Matcher m = FIRST_BACKUP.matcher(output());
        if (m.find()) {
          return m;
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(500);
      }
      throw new AssertionError("the demo did not report its first backup:\n" + output());
    }

    /** Ctrl-C at the terminal: SIGINT to the script, which stops the simulator and the service. */
    int interrupt() throws Exception {
      List<ProcessHandle> children = process.descendants().toList();
      assertThat(children).hasSizeGreaterThanOrEqualTo(2);
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
      for (ProcessHandle c : children) {
        c.onExit().get(30, TimeUnit.SECONDS);
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private JsonNode get(String url, String key) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  @Test
  void theDemoStartsConnectsTheSimulatedOrgBacksItUpAndStopsOnCtrlC() throws Exception {
    // tenant sandboxes run as their own uids and must pass through to their volumes
    java.nio.file.Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    Path demoDir = dir.resolve("demo");
    String tenantKey;
    try (Demo demo = new Demo(demoDir)) {
      Matcher backup = demo.awaitFirstBackup();
      String out = demo.output();
      assertThat(backup.group(1)).as(out).isEqualTo("SUCCEEDED");
      assertThat(Long.parseLong(backup.group(2))).isPositive();
      assertThat(out).contains("NOT FOR PRODUCTION").contains("one-time password");
      Matcher tk = TENANT_KEY.matcher(out);
      Matcher ok = OPERATOR_KEY.matcher(out);
      assertThat(tk.find()).as(out).isTrue();
      assertThat(ok.find()).as(out).isTrue();
      tenantKey = tk.group(1);
      String http = "http://127.0.0.1:" + demo.httpPort;

      // the printed credentials work; the org is connected by JWT bearer and backed up once
      JsonNode orgs = get(http + "/api/v1/orgs", tenantKey);
      assertThat(orgs).hasSize(1);
      assertThat(orgs.get(0).path("authMethod").asText()).isEqualTo("JWT_BEARER");
      assertThat(orgs.get(0).path("status").asText()).isEqualTo("CONNECTED");
      JsonNode runs =
          get(http + "/api/v1/orgs/" + orgs.get(0).path("id").asText() + "/backups", tenantKey);
      assertThat(runs.get(0).path("state").asText()).isEqualTo("SUCCEEDED");
      JsonNode tenants = get(http + "/api/v1/operator/tenants", ok.group(1));
      assertThat(tenants.get(0).path("slug").asText()).isEqualTo("demo");

      // H2 has no audit log (web/README.md, Demo): said at start and by the audit endpoints
      assertThat(demo.output()).contains("AUDIT LOG DISABLED");
      HttpResponse<String> audit =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(http + "/api/v1/audit/events"))
                      .header("Authorization", "Bearer " + tenantKey)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(audit.statusCode()).isEqualTo(503);
      assertThat(audit.body()).contains("audit_unavailable");

      // HTTPS with the generated certificate, which a client can trust from the demo directory
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(demoDir.resolve("tls/cert.pem"))) {
        trust.setCertificateEntry(
            "demo", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      HttpResponse<String> ready =
          HttpClient.newBuilder()
              .sslContext(TrustStores.trusting(trust))
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://localhost:" + demo.httpsPort + "/q/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      // the data lives in the demo directory: the H2 file and the tenant's store
      assertThat(demoDir.resolve("db")).isDirectoryContaining(p -> p.toString().endsWith(".mv.db"));
      assertThat(demoDir.resolve("volumes")).isNotEmptyDirectory();
      assertThat(demo.interrupt()).isZero();
      assertThat(demo.output()).contains("Stopping the OrgVault demo");
    }

    // a second start resumes: same tenant and key, the org still connected, no second first backup
    try (Demo again = new Demo(demoDir)) {
      Matcher backup = again.awaitFirstBackup();
      assertThat(backup.group(1)).isEqualTo("SUCCEEDED");
      assertThat(again.output()).contains(tenantKey);
      JsonNode orgs = get("http://127.0.0.1:" + again.httpPort + "/api/v1/orgs", tenantKey);
      assertThat(orgs).hasSize(1);
      assertThat(again.interrupt()).isZero();
    }
  }
}
