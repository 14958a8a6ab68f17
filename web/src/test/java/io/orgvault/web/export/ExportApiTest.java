package io.orgvault.web.export;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.web.ApiClient.Created;
import io.orgvault.web.Csv;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.export.service.ExportService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Export jobs in real sandboxes, their files served, checked, deleted and expired. */
@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class ExportApiTest {
  @Inject ExportService exports;

  static Created tenant;
  static String orgId;

  static synchronized void oneBackup() throws Exception {
    if (tenant != null) {
      return;
    }
    Created t = createTenant("export-" + UUID.randomUUID().toString().substring(0, 8));
    String org = Orgs.connect(t.key(), "Exported");
    String run =
        as(t.key())
            .post("/api/v1/orgs/" + org + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    assertThat(Runs.awaitBackup(t.key(), run).getString("state")).isEqualTo("SUCCEEDED");
    orgId = org;
    tenant = t;
  }

  static String exportsPath() {
    return "/api/v1/orgs/" + orgId + "/exports";
  }

  static JsonPath awaitExport(String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      JsonPath e =
          as(tenant.key())
              .get(exportsPath() + "/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (List.of("SUCCEEDED", "FAILED").contains(e.getString("state"))) {
        return e;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("export " + id + " did not finish");
  }

  static String start(Map<String, Object> request) {
    return as(tenant.key())
        .body(request)
        .post(exportsPath())
        .then()
        .statusCode(202)
        .body("state", equalTo("QUEUED"))
        .extract()
        .path("id");
  }

  static Path fileOnVolume(String fileName) {
    return SimulatorTestResource.storeOf(tenant.tenantId()).resolve("exports").resolve(fileName);
  }

  @Test
  void anObjectExportDownloadsAsTheCsvOfTheBackupWithItsDigest() throws Exception {
    oneBackup();
    String id = start(Map.of("source", "object", "object", "Contact"));
    JsonPath e = awaitExport(id);
    assertThat(e.getString("state")).as(e.prettify()).isEqualTo("SUCCEEDED");
    assertThat(e.getString("fileName")).startsWith("Contact-latest-").endsWith(".csv");
    assertThat(e.getString("download")).isEqualTo(exportsPath() + "/" + id + "/file");

    Response file = as(tenant.key()).get(exportsPath() + "/" + id + "/file");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.contentType()).startsWith("text/csv");
    assertThat(file.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"" + e.getString("fileName") + "\"");
    byte[] bytes = file.asByteArray();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(sha).isEqualTo(e.getString("sha256"));
    assertThat(file.header("ETag")).isEqualTo("\"" + sha + "\"");
    assertThat(bytes.length).isEqualTo(e.getLong("bytes"));

    // the CSV parses back to the simulator's contacts as of the backup
    List<List<String>> rows = Csv.parse(new String(bytes, StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    int idCol = header.indexOf("Id");
    int lastName = header.indexOf("LastName");
    assertThat(idCol).isNotNegative();
    assertThat(rows).hasSize(e.getInt("rows") + 1);
    ObjectTable contacts = SimulatorTestResource.simulator().org().table("Contact");
    Set<String> ids = new HashSet<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSameSizeAs(header);
      ids.add(row.get(idCol));
      int r = contacts.rowOf(row.get(idCol));
      assertThat(row.get(lastName)).isEqualTo(contacts.value(r, "LastName"));
    }
    assertThat(ids).hasSize(e.getInt("rows"));

    // deleted on request: the row and the file
    Path onVolume = fileOnVolume(e.getString("fileName"));
    assertThat(onVolume).exists();
    as(tenant.key()).delete(exportsPath() + "/" + id).then().statusCode(204);
    assertThat(onVolume).doesNotExist();
    as(tenant.key()).get(exportsPath() + "/" + id).then().statusCode(404);
    as(tenant.key()).get(exportsPath() + "/" + id + "/file").then().statusCode(404);
  }

  @Test
  void aBackupExportIsAZipOfEveryObject() throws Exception {
    oneBackup();
    String id = start(Map.of("source", "backup", "backup", 1));
    JsonPath e = awaitExport(id);
    assertThat(e.getString("state")).as(e.prettify()).isEqualTo("SUCCEEDED");
    Response file = as(tenant.key()).get(exportsPath() + "/" + id + "/file");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("application/zip");
    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.asByteArray()))) {
      for (ZipEntry z; (z = zip.getNextEntry()) != null; ) {
        entries.add(z.getName());
      }
    }
    assertThat(entries)
        .anyMatch(n -> n.endsWith("Contact.csv"))
        .anyMatch(n -> n.endsWith("Account.csv"));
  }

  @Test
  void expiredExportsAreGoneAndLinksAreNeverFollowed() throws Exception {
    oneBackup();
    String id = start(Map.of("source", "object", "object", "Account", "backup", 1));
    JsonPath e = awaitExport(id);
    assertThat(e.getString("state")).as(e.prettify()).isEqualTo("SUCCEEDED");
    Path onVolume = fileOnVolume(e.getString("fileName"));
    assertThat(onVolume).exists();
    Instant expires = Instant.parse(e.getString("expiresAt"));
    assertThat(expires)
        .isBetween(
            Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

    // a link planted in place of the file is refused, not followed
    Path moved = onVolume.resolveSibling("moved-away");
    Files.move(onVolume, moved);
    Files.createSymbolicLink(onVolume, Path.of("/etc/hostname"));
    as(tenant.key())
        .get(exportsPath() + "/" + id + "/file")
        .then()
        .statusCode(409)
        .body("error", equalTo("export_file_refused"));
    Files.delete(onVolume);
    Files.move(moved, onVolume);
    as(tenant.key()).get(exportsPath() + "/" + id + "/file").then().statusCode(200);

    // half-written exports a killed job left (plaintext): swept once older than a job can run
    Path stale = onVolume.resolveSibling(".Account-killed.csv.partial");
    Path fresh = onVolume.resolveSibling(".Account-running.csv.partial");
    Files.writeString(stale, "Id,Name\n001,Half written\n");
    Files.writeString(fresh, "Id,Name\n");
    Files.setLastModifiedTime(
        stale, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(8))));
    exports.purge(Instant.now());
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(onVolume).exists();
    Files.delete(fresh);

    // the cleanup before the expiry keeps it; after it, file and row are gone
    exports.purge(expires.minusSeconds(1));
    assertThat(onVolume).exists();
    assertThat(exports.purge(expires)).isGreaterThanOrEqualTo(1);
    assertThat(onVolume).doesNotExist();
    as(tenant.key()).get(exportsPath() + "/" + id).then().statusCode(404);
  }

  @Test
  void badExportRequestsAreRefusedAndOtherTenantsSeeNothing() throws Exception {
    oneBackup();
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("source", "table"),
            Map.of("source", "object"),
            Map.of("source", "object", "object", "../etc/passwd"),
            Map.of("source", "compare", "from", 2, "to", 1),
            Map.of("source", "compare", "from", 1, "to", 2, "kinds", List.of("renamed")),
            Map.of("source", "backup", "backup", 0))) {
      as(tenant.key()).body(bad).post(exportsPath()).then().statusCode(400);
    }
    // an unknown backup fails the job clearly and leaves no file
    String id = start(Map.of("source", "object", "object", "Contact", "backup", 99));
    JsonPath failed = awaitExport(id);
    assertThat(failed.getString("state")).isEqualTo("FAILED");
    assertThat(failed.getString("errorCode")).isEqualTo("export_failed");
    as(tenant.key())
        .get(exportsPath() + "/" + id + "/file")
        .then()
        .statusCode(409)
        .body("error", equalTo("export_not_ready"));
    assertThat(fileOnVolume(failed.getString("fileName"))).doesNotExist();

    Created other = createTenant("peek-" + UUID.randomUUID().toString().substring(0, 8));
    as(other.key()).get(exportsPath()).then().statusCode(404);
    as(other.key()).get(exportsPath() + "/" + id).then().statusCode(404);
    as(other.key()).get(exportsPath() + "/" + id + "/file").then().statusCode(404);
    as(other.key()).delete(exportsPath() + "/" + id).then().statusCode(404);
    as(other.key()).body(Map.of("source", "backup")).post(exportsPath()).then().statusCode(404);
    assertThat(
            as(tenant.key())
                .get(exportsPath())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id"))
        .contains(id);
  }
}
