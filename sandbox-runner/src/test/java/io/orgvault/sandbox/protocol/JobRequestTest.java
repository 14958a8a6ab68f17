package io.orgvault.sandbox.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobRequestTest {
  static final String BINDING = "ab".repeat(32);
  static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  static JobRequest read(String json) {
    return JobRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aBackupRequestSurvivesTheWire() {
    JobSpec spec =
        new JobSpec(
            JobKind.BACKUP,
            "tenant-a",
            "/volume",
            "00D000000000001AAA",
            URI.create("https://login.example.com"),
            "ck",
            new BackupSettings(Set.of("Account"), Set.of("Task"), 7, 100, 1024),
            List.of("PEM"),
            "kek-1",
            BINDING,
            "/run/orgvault/egress.sock");
    JobRequest back =
        JobRequest.read(
            new ByteArrayInputStream(
                new JobRequest(spec, new JobSecrets(null, "rt", "cs", KEY)).toJson()));
    assertThat(back.spec()).isEqualTo(spec);
    assertThat(back.secrets().refreshToken()).isEqualTo("rt");
    assertThat(back.secrets().consumerSecret()).isEqualTo("cs");
    assertThat(back.secrets().dataKey()).isEqualTo(KEY);
    assertThat(back.secrets().toString()).doesNotContain("rt").doesNotContain("cs");
  }

  @Test
  void errorsNameTheFieldAndNeverQuoteTheInput() {
    assertThatThrownBy(() -> read("{\"protocol\":1,\"job\":{},\"secrets\":{}}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("job.kind is required");
    assertThatThrownBy(() -> read("{\"protocol\":2,\"job\":{},\"secrets\":{}}"))
        .hasMessage("protocol must be 1");
    assertThatThrownBy(
            () -> read("{\"protocol\":1,\"job\":{\"kind\":\"reformat\"},\"secrets\":{}}"))
        .hasMessageContaining("unknown job kind");
    String store =
        "{\"protocol\":1,\"job\":{\"kind\":\"verify\",\"tenant\":\"t\",\"volume\":\"/v\","
            + "\"kekId\":\"k\",\"dataKeyBinding\":\""
            + BINDING
            + "\"},\"secrets\":{\"dataKey\":\"TOPSECRETnotbase64!\"}}";
    assertThatThrownBy(() -> read(store))
        .hasMessage("secrets.dataKey is not base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
    assertThatThrownBy(() -> read("not json TOPSECRET"))
        .hasMessage("the request on stdin is not one JSON document");
  }

  @Test
  void aBackupNeedsASessionAndAnOrg() {
    String key = java.util.Base64.getEncoder().encodeToString(KEY);
    String noSession =
        "{\"protocol\":1,\"job\":{\"kind\":\"backup\",\"tenant\":\"t\",\"volume\":\"/v\","
            + "\"orgId\":\"00D000000000001AAA\",\"loginUrl\":\"https://x.example\",\"kekId\":\"k\","
            + "\"dataKeyBinding\":\""
            + BINDING
            + "\"},\"secrets\":{\"dataKey\":\""
            + key
            + "\"}}";
    assertThatThrownBy(() -> read(noSession)).hasMessageContaining("secrets need accessToken");
    assertThatThrownBy(() -> read(noSession.replace("https://x", "http://x")))
        .hasMessage("backup: loginUrl must be an https URL");
    assertThatThrownBy(() -> read(noSession.replace("00D000000000001AAA", "001000000000001AAA")))
        .hasMessage("backup: orgId is not an org Id");
  }

  @Test
  void anExportRequestSurvivesTheWireAndNeedsItsSettings() {
    ExportSettings compare =
        new ExportSettings(
            ExportSettings.Source.COMPARE,
            null,
            null,
            3L,
            5L,
            Set.of("Contact"),
            Set.of("changed", "added"),
            Set.of("Email"),
            "diff.csv");
    JobSpec spec = JobSpec.ofExport("tenant-a", "/volume", "kek-1", BINDING, compare);
    JobRequest back =
        JobRequest.read(
            new ByteArrayInputStream(
                new JobRequest(spec, new JobSecrets(null, null, null, KEY)).toJson()));
    assertThat(back.spec()).isEqualTo(spec);
    assertThat(back.spec().export().kinds()).containsExactlyInAnyOrder("changed", "added");

    assertThatThrownBy(() -> JobSpec.ofStore(JobKind.EXPORT, "t", "/volume", "kek-1", BINDING))
        .hasMessage("export: job.export is required");
    assertThatThrownBy(
            () ->
                new ExportSettings(
                    ExportSettings.Source.OBJECT,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "a.csv"))
        .hasMessageContaining("job.export.object");
    assertThatThrownBy(
            () ->
                new ExportSettings(
                    ExportSettings.Source.COMPARE,
                    null,
                    null,
                    1L,
                    2L,
                    null,
                    Set.of("renamed"),
                    null,
                    "a.csv"))
        .hasMessageContaining("kinds");
    for (String name : List.of("../x.csv", "/abs.csv", ".x", "a/b", "a\\b", "", "é.csv")) {
      assertThatThrownBy(
              () ->
                  new ExportSettings(
                      ExportSettings.Source.BACKUP, null, null, null, null, null, null, null, name))
          .as(name)
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("plain file name");
    }
  }

  @Test
  void aRetentionPruneSurvivesTheWireAndIsChecked() {
    JobSpec spec =
        JobSpec.ofRetention(
            "tenant-a", "/volume", "kek-1", BINDING, new PruneSettings(7, 12, 0, true, false));
    JobRequest back =
        JobRequest.read(
            new ByteArrayInputStream(
                new JobRequest(spec, new JobSecrets(null, null, null, KEY)).toJson()));
    assertThat(back.spec()).isEqualTo(spec);
    assertThat(back.spec().prune().options().retention().keepMonthly()).isEqualTo(12);
    // a plain prune (garbage collection only) still has no settings
    assertThat(JobSpec.ofStore(JobKind.PRUNE, "t", "/volume", "kek-1", BINDING).prune()).isNull();

    assertThatThrownBy(() -> new PruneSettings(0, 0, 0, false, false))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("keeps nothing");
    assertThatThrownBy(() -> new PruneSettings(-1, 1, 0, false, false))
        .hasMessage("job.prune.keepDaily must be 0.." + PruneSettings.MAX_KEEP);
    assertThatThrownBy(
            () ->
                new JobSpec(
                    JobKind.VERIFY,
                    "t",
                    "/volume",
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    "kek-1",
                    BINDING,
                    null,
                    null,
                    null,
                    new PruneSettings(1, 0, 0, false, false)))
        .hasMessage("job.prune belongs to prune jobs only");
    String wire =
        new String(
                new JobRequest(spec, new JobSecrets(null, null, null, KEY)).toJson(),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"keepDaily\":7", "\"keepDaily\":\"7; drop table\"");
    assertThatThrownBy(
            () ->
                JobRequest.read(
                    new ByteArrayInputStream(
                        wire.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("job.prune.keepDaily must be a whole number");
  }

  @Test
  void anOversizedRequestIsRefusedBeforeParsing() {
    byte[] big = new byte[JobRequest.MAX_REQUEST_BYTES + 10];
    Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> JobRequest.read(new ByteArrayInputStream(big)))
        .hasMessageContaining("longer than");
  }
}
