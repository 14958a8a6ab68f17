package io.orgvault.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code restore plan}, {@code restore run} and {@code restore results} end to end, in process. */
class RestoreCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private SimBackups fx;
  private Path trust;

  @BeforeEach
  void start() throws Exception {
    fx = new SimBackups(60);
    trust = fx.dir.resolve("trust.p12");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    for (String alias : Collections.list(fx.sim.trustStore().aliases())) {
      p12.setCertificateEntry(alias, fx.sim.trustStore().getCertificate(alias));
    }
    try (OutputStream out = Files.newOutputStream(trust)) {
      p12.store(out, "changeit".toCharArray());
    }
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private record Run(int exit, List<JsonNode> lines, String out, String err) {
    JsonNode one(String type) {
      List<JsonNode> l = lines.stream().filter(n -> n.path("type").asText().equals(type)).toList();
      assertThat(l).as(type + " in " + out + err).hasSize(1);
      return l.get(0);
    }
  }

  private Run run(String stdin, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        EngineMain.run(
            new EngineMain.Streams(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(
        exit, lines, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private List<String> common() {
    return List.of(
        "--volume", fx.volume.toString(),
        "--tenant", SimBackups.TENANT,
        "--kek", fx.kekFile.toString());
  }

  private List<String> org() {
    return List.of(
        "--login-url", fx.sim.baseUrl().toString(),
        "--org-id", fx.sim.org().orgId(),
        "--api-budget-percent", "100",
        "--trust-store", trust.toString());
  }

  private String secrets() {
    return "{\"accessToken\":\"" + fx.sim.issueToken(fx.sim.org().integrationUserId()) + "\"}";
  }

  private static String[] args(List<String> head, List<String> a, List<String> b, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(a);
    all.addAll(b);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  @Test
  void planRunAndResultsRestoreADeletedContactAndExportItsResult() throws Exception {
    long b = fx.backup();
    Org org = fx.sim.org();
    ObjectTable t = org.table("Contact");
    String contact = t.id(0);
    Object lastName = t.value(0, "LastName");
    org.delete(contact, org.integrationUserId());
    org.purge(contact);

    Run plan =
        run(
            secrets(),
            args(
                List.of("restore", "plan"),
                common(),
                org(),
                "--backup",
                "" + b,
                "--record",
                "Contact:" + contact));
    assertThat(plan.exit()).as(plan.err()).isZero();
    JsonNode planned = plan.one("restore-plan");
    assertThat(planned.at("/records/0/action").asText()).isEqualTo("CREATE");
    assertThat(planned.at("/records/0/sourceId").asText()).isEqualTo(contact);
    String restoreId = plan.one("restore-planned").get("restoreId").asText();
    assertThat(plan.out()).doesNotContain(secrets().substring(16, 40));

    Run done =
        run(secrets(), args(List.of("restore", "run"), common(), org(), "--restore-id", restoreId));
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.one("restore-step").get("succeeded").asInt()).isEqualTo(1);
    JsonNode result = done.one("restore-result");
    assertThat(result.get("status").asText()).isEqualTo("COMPLETE");
    assertThat(result.get("success").asInt()).isEqualTo(1);

    Path csv = fx.dir.resolve("results.csv");
    Run exported =
        run(
            "",
            args(
                List.of("restore", "results"),
                common(),
                List.of(),
                "--restore-id",
                restoreId,
                "--csv",
                csv.toString()));
    assertThat(exported.exit()).as(exported.err()).isZero();
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.get(0))
        .isEqualTo(
            "Object,SourceId,Action,Outcome,TargetId,ErrorCode,ErrorMessage,ErrorFields,Note");
    String[] cells = rows.get(1).split(",", -1);
    assertThat(cells[0]).isEqualTo("Contact");
    assertThat(cells[1]).isEqualTo(contact);
    assertThat(cells[3]).isEqualTo("SUCCESS");
    assertThat(org.find(cells[4]).table().value(org.find(cells[4]).row(), "LastName"))
        .isEqualTo(lastName);

    // an existing file is never replaced; a restore id that is not one is refused before any use
    Run again =
        run(
            "",
            args(
                List.of("restore", "results"),
                common(),
                List.of(),
                "--restore-id",
                restoreId,
                "--csv",
                csv.toString()));
    assertThat(again.exit()).isEqualTo(1);
    Run bad =
        run(
            "",
            args(
                List.of("restore", "results"),
                common(),
                List.of(),
                "--restore-id",
                "../x",
                "--csv",
                fx.dir.resolve("x.csv").toString()));
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("not a restore id");
  }
}
