package io.orgvault.web.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo's first steps, active only with {@code orgvault.demo.enabled=true} (the %dev profile):
 * as the operator, create the demo tenant; as the tenant, make its JWT key pair, hand the
 * certificate to the simulator's connected app (the file the simulator watches, standing in for an
 * admin's upload), connect the simulated org by JWT bearer and start a first backup; then print the
 * URLs and credentials. It goes through the public API on this instance, like any client, so the
 * demo exercises the real paths and bypasses no tenant scoping. A second start finds the tenant and
 * org and only prints.
 */
@ApplicationScoped
public class DemoBootstrap {
  private static final Logger LOG = Logger.getLogger(DemoBootstrap.class);
  static final String SLUG = "demo";
  static final Duration WAIT = Duration.ofSeconds(120);

  @ConfigProperty(name = "orgvault.demo.enabled", defaultValue = "false")
  boolean enabled;

  @ConfigProperty(name = "orgvault.demo.dir", defaultValue = ".orgvault/demo")
  Path dir;

  @ConfigProperty(name = "orgvault.demo.salesforce-url", defaultValue = "https://127.0.0.1:9443")
  String salesforceUrl;

  @ConfigProperty(
      name = "orgvault.demo.consumer-key",
      defaultValue = "3MVG9OrgVaultSimulatorConsumerKey")
  String consumerKey;

  @ConfigProperty(name = "orgvault.demo.username", defaultValue = "user1@orgvault.sim")
  String username;

  @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
  int httpPort;

  @ConfigProperty(name = "quarkus.http.ssl-port", defaultValue = "8443")
  int httpsPort;

  @Inject ObjectMapper json;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  void onStart(@Observes StartupEvent event) {
    if (!enabled) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                bootstrap();
              } catch (IOException | RuntimeException e) {
                LOG.errorf("the demo bootstrap failed: %s", e.getMessage());
                System.out.println("DEMO BOOTSTRAP FAILED: " + e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-bootstrap");
    t.setDaemon(true);
    t.start();
  }

  void bootstrap() throws IOException, InterruptedException {
    awaitReady();
    String operator = Files.readString(dir.resolve("operator.key")).strip();
    Path tenantKeyFile = dir.resolve("tenant-api-key");
    String tenantKey;
    String tenantId;
    JsonNode existing = find(call("GET", "/api/v1/operator/tenants", operator, null, 200));
    if (existing == null) {
      JsonNode created =
          call(
              "POST",
              "/api/v1/operator/tenants",
              operator,
              Map.of("slug", SLUG, "displayName", "Demo tenant"),
              201);
      tenantId = created.path("tenant").path("id").asText();
      tenantKey = created.path("adminApiKey").path("key").asText();
      writePrivate(tenantKeyFile, tenantKey + "\n");
    } else {
      tenantId = existing.path("id").asText();
      tenantKey = Files.readString(tenantKeyFile).strip();
    }

    JsonNode org = connected(call("GET", "/api/v1/orgs", tenantKey, null, 200));
    if (org == null) {
      org = connectByJwt(tenantKey);
    }
    String orgId = org.path("id").asText();
    JsonNode runs = call("GET", "/api/v1/orgs/" + orgId + "/backups", tenantKey, null, 200);
    String runId =
        runs.size() > 0
            ? runs.get(0).path("id").asText()
            : call("POST", "/api/v1/orgs/" + orgId + "/backups", tenantKey, null, 202)
                .path("id")
                .asText();
    banner(tenantId, tenantKey, operator, org, runId);
    JsonNode run = awaitRun(tenantKey, runId);
    System.out.printf(
        "OrgVault demo: first backup %s: %s (%s rows, %s API calls)%s%n",
        runId,
        run.path("state").asText(),
        run.path("rowsWritten").asText(),
        run.path("apiCalls").asText(),
        run.hasNonNull("errorMessage") ? ": " + run.path("errorMessage").asText() : "");
  }

  /**
   * The tenant's key pair, its certificate written where the simulator's connected app reads it,
   * then the JWT bearer connection, retried while the simulator picks the certificate up.
   */
  private JsonNode connectByJwt(String tenantKey) throws IOException, InterruptedException {
    HttpResponse<String> cert = send("GET", "/api/v1/tenant/jwt-certificate", tenantKey, null);
    JsonNode pem =
        cert.statusCode() == 200
            ? json.readTree(cert.body())
            : call("POST", "/api/v1/tenant/jwt-certificate", tenantKey, null, 201);
    Path appCert = dir.resolve("connected-app.pem");
    Files.writeString(appCert, pem.path("certificatePem").asText());
    Map<String, String> body =
        Map.of(
            "label", "Simulated Salesforce org",
            "loginUrl", salesforceUrl,
            "username", username,
            "consumerKey", consumerKey);
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      HttpResponse<String> r = send("POST", "/api/v1/orgs/connect-jwt", tenantKey, body);
      if (r.statusCode() == 201) {
        return json.readTree(r.body());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("connecting the simulated org failed: " + r.body());
      }
      Thread.sleep(1000);
    }
  }

  private void banner(
      String tenantId, String tenantKey, String operator, JsonNode org, String run) {
    String http = "http://127.0.0.1:" + httpPort;
    String line = "=".repeat(100);
    System.out.println(
        String.join(
            "\n",
            line,
            " OrgVault DEMO MODE — NOT FOR PRODUCTION: generated keys, a self-signed certificate,",
            " plain HTTP allowed, an H2 file and a SIMULATED Salesforce org, all under " + dir,
            line,
            " API (HTTPS):   https://localhost:"
                + httpsPort
                + "/api/v1   (certificate: "
                + dir.resolve("tls/cert.pem")
                + ")",
            " API (HTTP):    " + http + "/api/v1   (demo only)   OpenAPI: " + http + "/q/openapi",
            " Tenant:        " + SLUG + " (" + tenantId + ")",
            " Tenant API key (the tenant's credential; kept in "
                + dir.resolve("tenant-api-key")
                + "):",
            "                " + tenantKey,
            " Operator key   (kept in " + dir.resolve("operator.key") + "):",
            "                " + operator,
            " Salesforce:    "
                + org.path("label").asText()
                + " "
                + org.path("salesforceOrgId").asText()
                + " at "
                + org.path("loginUrl").asText()
                + ", connected by JWT bearer as "
                + org.path("salesforceUsername").asText(),
            " First backup:  run " + run + "   try:",
            "                curl -H \"Authorization: Bearer "
                + tenantKey
                + "\" "
                + http
                + "/api/v1/backup-runs/"
                + run,
            " The portal and the first admin's one-time password come with the login stack ([G]);",
            " until then the tenant API key above is the credential.",
            line));
  }

  private JsonNode awaitRun(String tenantKey, String runId)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (true) {
      JsonNode r = call("GET", "/api/v1/backup-runs/" + runId, tenantKey, null, 200);
      String state = r.path("state").asText();
      if (state.equals("SUCCEEDED") || state.equals("STOPPED") || state.equals("FAILED")) {
        return r;
      }
      if (Instant.now().isAfter(deadline)) {
        return r;
      }
      Thread.sleep(1000);
    }
  }

  private static JsonNode find(JsonNode tenants) {
    for (JsonNode t : tenants) {
      if (SLUG.equals(t.path("slug").asText())) {
        return t;
      }
    }
    return null;
  }

  private static JsonNode connected(JsonNode orgs) {
    for (JsonNode o : orgs) {
      if ("CONNECTED".equals(o.path("status").asText())) {
        return o;
      }
    }
    return null;
  }

  private void awaitReady() throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (send("GET", "/q/health/ready", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IOException("the service did not become ready in " + WAIT);
  }

  private JsonNode call(String method, String path, String key, Object body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> r = send(method, path, key, body);
    if (r.statusCode() != expected) {
      throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path, String key, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    b.header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
