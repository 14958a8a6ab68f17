package io.orgvault.web.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.web.ApiClient;
import io.orgvault.web.SalesforceBrowser;
import io.orgvault.web.SimulatorTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one PostgreSQL database: a backup runs on the first, the
 * first is killed with SIGKILL mid-job, and the second instance's Quartz (clustered JDBC store)
 * recovers the job and completes the run.
 */
class ClusterRecoveryIT {
  static final String DB = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String SCHEMA = "orgvault_web_it";
  static final String OPERATOR_HASH =
      "8a652abf7512959a7ecf7abe32a2bb4634c0b03fc93008b0365ed67933bff00c";

  @Test
  void aJobOfAKilledInstanceIsRecoveredByTheOther() throws Exception {
    try (Connection c = DriverManager.getConnection(DB, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
      s.execute("create schema " + SCHEMA);
    }
    Path dir = Files.createTempDirectory("orgvault-cluster");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    try (Simulator sim =
        Simulator.builder()
            .contacts(300)
            .port(0)
            .callbackUrl(SimulatorTestResource.CALLBACK)
            .start()) {
      Map<String, String> config = config(dir, sim);
      Path logs = Path.of("target", "it-logs");
      try (ServiceInstance a = ServiceInstance.start("instance-a", config, logs);
          ServiceInstance b = ServiceInstance.start("instance-b", config, logs)) {
        // a tenant with the org connected, through instance A
        JsonPath created =
            given()
                .baseUri(a.baseUrl())
                .header("Authorization", "Bearer " + ApiClient.OPERATOR_KEY)
                .contentType(ContentType.JSON)
                .body("{\"slug\":\"cluster-tenant\",\"displayName\":\"Cluster\"}")
                .post("/api/v1/operator/tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String key = created.getString("adminApiKey.key");
        String authorizeUrl =
            tenant(a, key)
                .body(Map.of("label", "Prod", "loginUrl", sim.baseUrl().toString()))
                .post("/api/v1/orgs/connect")
                .then()
                .statusCode(200)
                .extract()
                .path("authorizeUrl");
        Map<String, String> redirect = new SalesforceBrowser(sim).authorize(authorizeUrl, true);
        String orgId =
            given()
                .baseUri(a.baseUrl())
                .queryParams(redirect)
                .get("/api/v1/orgs/oauth/callback")
                .then()
                .statusCode(200)
                .extract()
                .path("id");

        // a slow org, so the backup is still running when A dies
        sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(400)));
        String runId =
            tenant(a, key)
                .post("/api/v1/orgs/" + orgId + "/backups")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // either instance may take the job: backup_run.node says which
        String firstNode = awaitRunningNode(runId);
        ServiceInstance runner = firstNode.equals(a.name) ? a : b;
        ServiceInstance survivor = runner == a ? b : a;
        assertThat(firstNode).isIn(a.name, b.name);
        Thread.sleep(1500); // well into the backup
        runner.kill();
        sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(20)));

        JsonPath run = awaitFinished(survivor, key, runId);
        assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("backupNumber")).isEqualTo(1);
        assertThat(nodeOfRun(runId)).isEqualTo(survivor.name);
        try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(dir.resolve("kek.key"));
            var store =
                io.orgvault.engine.store.RecordStore.open(
                    dir.resolve("volumes")
                        .resolve(created.getString("tenant.id"))
                        .resolve("orgs")
                        .resolve(sim.org().orgId()),
                    created.getString("tenant.id"),
                    kek)) {
          assertThat(store.verify().ok()).isTrue();
          assertThat(store.latestBackup()).hasValue(1);
        }
      }
    }
  }

  private static io.restassured.specification.RequestSpecification tenant(
      ServiceInstance i, String key) {
    return given()
        .baseUri(i.baseUrl())
        .header("Authorization", "Bearer " + key)
        .contentType(ContentType.JSON);
  }

  private static String awaitRunningNode(String runId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String node = nodeOfRun(runId);
      if (node != null) {
        return node;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the run never started");
  }

  private static String nodeOfRun(String runId) throws Exception {
    try (Connection c = DriverManager.getConnection(DB, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select node from "
                    + SCHEMA
                    + ".backup_run where id = '"
                    + java.util.UUID.fromString(runId)
                    + "'")) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private static JsonPath awaitFinished(ServiceInstance i, String key, String runId)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      JsonPath run =
          tenant(i, key)
              .get("/api/v1/backup-runs/" + runId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (java.util.List.of("SUCCEEDED", "STOPPED", "FAILED").contains(run.getString("state"))) {
        return run;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the run did not finish after the kill");
  }

  private static Map<String, String> config(Path dir, Simulator sim) throws Exception {
    Path secret = dir.resolve("client-secret");
    Files.writeString(secret, sim.connectedApp().consumerSecret());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path pem = dir.resolve("salesforce.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(sim.certificate().getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    FileKeyEncryptionKey.generate(dir.resolve("kek.key"));
    Map<String, String> c = new HashMap<>();
    c.put("quarkus.datasource.jdbc.url", DB + "?currentSchema=" + SCHEMA);
    c.put("quarkus.datasource.username", "postgres");
    c.put("quarkus.flyway.schemas", SCHEMA);
    c.put("quarkus.http.insecure-requests", "enabled");
    c.put("quarkus.http.ssl.certificate.files", "");
    c.put("quarkus.http.ssl.certificate.key-files", "");
    c.put("quarkus.quartz.cluster-checkin-interval", "1000");
    c.put("orgvault.operator.key-sha256", OPERATOR_HASH);
    c.put("orgvault.kek", "file:" + dir.resolve("kek.key"));
    c.put("orgvault.salesforce.client-id", sim.connectedApp().consumerKey());
    c.put("orgvault.salesforce.client-secret-file", secret.toString());
    c.put("orgvault.salesforce.callback-url", SimulatorTestResource.CALLBACK);
    c.put("orgvault.salesforce.login-hosts", "localhost,127.0.0.1");
    c.put("orgvault.salesforce.trust-pem", pem.toString());
    c.put("orgvault.sandbox.storage-root", dir.resolve("volumes").toString());
    // each instance stages its own sandbox image; the volumes are shared
    c.put("orgvault.sandbox.runtime-dir", dir.resolve("sandbox-{instance}").toString());
    c.put("orgvault.sandbox.trusted-certificate-files", pem.toString());
    c.put("orgvault.sandbox.app-cds", "false");
    c.put("orgvault.backup.retry-backoff", "PT1S");
    c.put(
        "orgvault.audit.checkpoint.key", dir.resolve("audit-{instance}/checkpoint.key").toString());
    c.put(
        "orgvault.audit.checkpoint.public-key",
        dir.resolve("audit-{instance}/checkpoint.pub").toString());
    c.put("orgvault.audit.checkpoint.generate", "true");
    return c;
  }
}
