package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.export.BackupZipExport;
import io.orgvault.engine.export.CsvExport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.JsonLines;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.job.SandboxMain;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.ExportSettings.Source;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export jobs in a real sandbox write what the engine's export writes, and only where allowed. */
class ExportJobTest {
  static final int UID = 61_072;

  static SandboxLauncher launcher;
  static TenantFixture tenant;
  static TenantSandbox box;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-export");
    launcher = Sandboxes.launcher(dir);
    tenant = new TenantFixture("exporter", Simulator.builder().contacts(200).port(0).start(), dir);
    backup();
    tenant.sim.simulateDay(DayRates.typical());
    backup();
    box = new TenantSandbox("exporter", UID, tenant.volume, Set.of());
  }

  static void backup() {
    int exit =
        SandboxMain.run(
            new ByteArrayInputStream(tenant.backupRequest(tenant.volume.toString()).toJson()),
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(exit).isEqualTo(ExitCodes.OK);
  }

  @AfterAll
  static void stop() {
    launcher.close();
    tenant.close();
  }

  static ExportSettings settings(Source source, Long backup, String object, String file) {
    return new ExportSettings(source, backup, object, null, null, null, null, null, file);
  }

  static JsonNode export(ExportSettings settings, List<JsonNode> messages) throws Exception {
    SandboxLauncher.JobOutcome out =
        launcher.runJob(box, tenant.exportRequest(settings), messages::add);
    assertThat(out.sandbox().outcome()).isEqualTo(SandboxResult.Outcome.EXITED);
    return out.lastMessage();
  }

  static Path exported(String name) {
    return tenant.volume.resolve(ExportSettings.EXPORTS_DIR).resolve(name);
  }

  static void assertWrote(JsonNode result, String name, byte[] expected, long rows)
      throws Exception {
    assertThat(result.get("type").asText()).as(result.toString()).isEqualTo("job-result");
    byte[] written = Files.readAllBytes(exported(name));
    assertThat(written).isEqualTo(expected);
    assertThat(result.at("/result/file").asText()).isEqualTo(name);
    assertThat(result.at("/result/path").asText()).isEqualTo("exports/" + name);
    assertThat(result.at("/result/rows").asLong()).isEqualTo(rows);
    assertThat(result.at("/result/bytes").asLong()).isEqualTo(expected.length);
    assertThat(result.at("/result/sha256").asText())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    // Written by the tenant's own uid, readable by it alone; no partial file left beside it.
    assertThat(Files.getAttribute(exported(name), "unix:uid")).isEqualTo(UID);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported(name))))
        .isEqualTo("rw-------");
    try (var files = Files.list(exported(name).getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void anObjectExportEqualsTheEnginesAndNeverOverwrites() throws Exception {
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    long rows;
    try (RecordStore store = tenant.openStore()) {
      rows = CsvExport.object(store.snapshot(1), "Contact", direct);
    }
    List<JsonNode> messages = new ArrayList<>();
    JsonNode result = export(settings(Source.OBJECT, 1L, "Contact", "contacts-1.csv"), messages);
    assertWrote(result, "contacts-1.csv", direct.toByteArray(), rows);
    assertThat(rows).isGreaterThan(100);
    // Parsed back: a header of API names, then one line per record.
    List<String> lines =
        new String(Files.readAllBytes(exported("contacts-1.csv")), StandardCharsets.UTF_8)
            .lines()
            .toList();
    assertThat(lines.get(0)).startsWith("Id,").contains("LastName");
    assertThat(lines).hasSize((int) rows + 1);

    // The same name again: refused, the file untouched.
    JsonNode again = export(settings(Source.OBJECT, 2L, "Contact", "contacts-1.csv"), messages);
    assertThat(again.get("type").asText()).isEqualTo("job-failed");
    assertThat(again.get("error").asText()).isEqualTo("ExportRefusedException");
    assertThat(again.get("message").asText()).contains("never overwrites");
    assertThat(Files.readAllBytes(exported("contacts-1.csv"))).isEqualTo(direct.toByteArray());
  }

  @Test
  void aCompareExportEqualsTheEngines() throws Exception {
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    long rows;
    try (RecordStore store = tenant.openStore()) {
      rows = CsvExport.comparison(Comparison.between(store, 1, 2), CompareFilter.ALL, direct);
    }
    ExportSettings s =
        new ExportSettings(Source.COMPARE, null, null, 1L, 2L, null, null, null, "diff-1-2.csv");
    JsonNode result = export(s, new ArrayList<>());
    assertWrote(result, "diff-1-2.csv", direct.toByteArray(), rows);
    assertThat(rows).isPositive();
  }

  @Test
  void aBackupZipHoldsWhatTheEnginesHolds() throws Exception {
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    BackupZipExport.Result r;
    try (RecordStore store = tenant.openStore()) {
      r = BackupZipExport.write(store, 2, direct);
    }
    JsonNode result =
        export(settings(Source.BACKUP, null, null, "backup-2.zip"), new ArrayList<>());
    assertThat(result.get("type").asText()).as(result.toString()).isEqualTo("job-result");
    assertThat(result.at("/result/backup").asLong()).isEqualTo(2);
    assertThat(result.at("/result/rows").asLong()).isEqualTo(r.records());
    assertThat(result.at("/result/bodies").asLong()).isEqualTo(r.bodies());
    // Entry by entry (the zip's timestamps differ between two runs).
    assertThat(entries(Files.readAllBytes(exported("backup-2.zip"))))
        .isEqualTo(entries(direct.toByteArray()));
  }

  static Map<String, String> entries(byte[] zip) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), HexFormat.of().formatHex(sha256(in.readAllBytes())));
      }
    }
    return out;
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFileNameLeavingTheExportsDirectoryIsRefused() throws Exception {
    byte[] valid =
        tenant.exportRequest(settings(Source.OBJECT, 1L, "Contact", "PLACEHOLDER")).toJson();
    String json = new String(valid, StandardCharsets.UTF_8);
    for (String name :
        List.of("../keys/data.key", "/etc/passwd", "..", ".hidden", "a/b.csv", "x".repeat(129))) {
      String bad = json.replace("PLACEHOLDER", name.replace("\\", "\\\\"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit =
          SandboxMain.run(
              new ByteArrayInputStream(
                  bad.replace("\"/unused\"", "\"" + tenant.volume + "\"")
                      .getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out));
      assertThat(exit).as(name).isEqualTo(ExitCodes.BAD_REQUEST);
      JsonNode failed = JsonLines.last(JsonLines.parse(out.toString(StandardCharsets.UTF_8)));
      assertThat(failed.get("error").asText()).isEqualTo("bad-request");
      assertThat(failed.get("message").asText()).contains("job.export.file");
    }
    assertThat(Files.exists(tenant.volume.resolve("keys").resolve("data.key.csv"))).isFalse();
    // Through the sandbox too: the launcher's request never even gets built with such a name,
    // and a symlink planted as exports/ is not followed.
    Path exports = tenant.volume.resolve(ExportSettings.EXPORTS_DIR);
    Path planted = tenant.volume.resolve("elsewhere");
    Files.createDirectories(planted);
    if (Files.exists(exports)) {
      // the other tests' files: move them aside for this check
      Files.move(exports, tenant.volume.resolve("exports-kept"));
    }
    Files.createSymbolicLink(exports, planted);
    try {
      JsonNode result =
          export(settings(Source.OBJECT, 1L, "Contact", "via-link.csv"), new ArrayList<>());
      assertThat(result.get("type").asText()).isEqualTo("job-failed");
      assertThat(result.get("error").asText()).isEqualTo("ExportRefusedException");
      try (var files = Files.list(planted)) {
        assertThat(files).isEmpty();
      }
    } finally {
      Files.delete(exports);
      if (Files.exists(tenant.volume.resolve("exports-kept"))) {
        Files.move(tenant.volume.resolve("exports-kept"), exports);
      }
    }
  }
}
