package io.orgvault.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.sandbox.JsonLines;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.simulator.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SandboxMain in this JVM (no sandbox): the protocol and the jobs it runs. */
class SandboxMainTest {
  @TempDir static Path dir;
  static TenantFixture tenant;

  @BeforeAll
  static void start() throws Exception {
    tenant =
        new TenantFixture("tenant-acme", Simulator.builder().contacts(300).port(0).start(), dir);
  }

  @AfterAll
  static void stop() {
    tenant.close();
  }

  record Run(int exit, String stdout, List<JsonNode> lines) {}

  static Run run(byte[] stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        SandboxMain.run(
            new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    return new Run(exit, text, JsonLines.parse(text));
  }

  @Test
  void backupThenVerifyThenStatsOverTheProtocol() {
    String token = tenant.sim.issueToken(tenant.sim.org().integrationUserId());
    JobRequest request = tenant.backupRequest(tenant.volume.toString(), token);
    Run backup = run(request.toJson());

    assertThat(backup.exit).isEqualTo(ExitCodes.OK);
    assertThat(backup.lines.get(0).get("type").asText()).isEqualTo("job-started");
    assertThat(backup.lines.get(0).get("tenant").asText()).isEqualTo("tenant-acme");
    assertThat(backup.lines).anyMatch(l -> l.get("type").asText().equals("object-done"));
    JsonNode result = JsonLines.last(backup.lines);
    assertThat(result.get("type").asText()).isEqualTo("job-result");
    assertThat(result.get("kind").asText()).isEqualTo("backup");
    assertThat(result.at("/result/committed").asBoolean()).isTrue();
    assertThat(result.at("/result/backup").asLong()).isEqualTo(1);
    assertThat(result.at("/result/rowsWritten").asLong()).isPositive();
    assertThat(backup.stdout).doesNotContain(token);

    // An unchanged org: the second run stores nothing.
    Run again = run(tenant.backupRequest(tenant.volume.toString()).toJson());
    assertThat(JsonLines.last(again.lines).at("/result/rowsWritten").asLong()).isZero();

    Run verify = run(tenant.storeRequest(JobKind.VERIFY, tenant.volume.toString()).toJson());
    assertThat(verify.exit).isEqualTo(ExitCodes.OK);
    assertThat(JsonLines.last(verify.lines).at("/result/ok").asBoolean()).isTrue();
    assertThat(JsonLines.last(verify.lines).at("/result/manifests").asLong()).isEqualTo(2);

    Run stats = run(tenant.storeRequest(JobKind.STATS, tenant.volume.toString()).toJson());
    assertThat(JsonLines.last(stats.lines).at("/result/backups").size()).isEqualTo(2);

    Run prune = run(tenant.storeRequest(JobKind.PRUNE, tenant.volume.toString()).toJson());
    assertThat(prune.exit).isEqualTo(ExitCodes.OK);
    assertThat(JsonLines.last(prune.lines).at("/result/segments").asLong()).isZero();
  }

  @Test
  void aRequestThatBreaksTheProtocolIsRefusedWithoutQuotingIt() {
    String secret = "00Dsecret!SESSIONTOKEN";
    Run r =
        run(
            ("{\"protocol\":1,\"job\":{\"kind\":\"backup\"},\"secrets\":{\"accessToken\":\""
                    + secret
                    + "\"")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(r.exit).isEqualTo(ExitCodes.BAD_REQUEST);
    assertThat(r.lines).hasSize(1);
    assertThat(r.lines.get(0).get("type").asText()).isEqualTo("job-failed");
    assertThat(r.lines.get(0).get("error").asText()).isEqualTo("bad-request");
    assertThat(r.stdout).doesNotContain(secret);
  }

  @Test
  void aKeyReleasedForAnotherFileOpensNothing() {
    JobRequest good = tenant.storeRequest(JobKind.VERIFY, tenant.volume.toString());
    JobSpec s = good.spec();
    JobSpec forged =
        new JobSpec(
            s.kind(),
            s.tenant(),
            s.volume(),
            null,
            null,
            null,
            null,
            List.of(),
            s.kekId(),
            "0".repeat(64),
            null);
    Run r = run(new JobRequest(forged, good.secrets()).toJson());
    assertThat(r.exit).isEqualTo(ExitCodes.FAILED);
    JsonNode failed = JsonLines.last(r.lines);
    assertThat(failed.get("type").asText()).isEqualTo("job-failed");
    assertThat(failed.get("error").asText()).isEqualTo("WrongKeyException");
  }

  @Test
  void anotherTenantsIdDoesNotOpenTheStore() {
    JobRequest good = tenant.storeRequest(JobKind.VERIFY, tenant.volume.toString());
    JobSpec s = good.spec();
    JobSpec other =
        JobSpec.ofStore(s.kind(), "tenant-other", s.volume(), s.kekId(), s.dataKeyBinding());
    Run r = run(new JobRequest(other, good.secrets()).toJson());
    assertThat(r.exit).isEqualTo(ExitCodes.FAILED);
    assertThat(JsonLines.last(r.lines).get("message").asText()).contains("tenant-acme");
  }
}
