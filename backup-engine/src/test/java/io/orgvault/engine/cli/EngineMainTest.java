package io.orgvault.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.simulator.Simulator;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line run in-process against the simulator. */
class EngineMainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Simulator sim;
  private static Path dir;
  private static Path trustStore;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.builder().contacts(300).port(0).start();
    dir = Files.createTempDirectory("orgvault-cli");
    FileKeyEncryptionKey.generate(dir.resolve("kek"));
    trustStore = dir.resolve("trust.p12");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    KeyStore simTrust = sim.trustStore();
    for (String alias : Collections.list(simTrust.aliases())) {
      p12.setCertificateEntry(alias, simTrust.getCertificate(alias));
    }
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      p12.store(out, "changeit".toCharArray());
    }
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private record Run(int exit, List<JsonNode> lines, String out, String err) {}

  private static Run run(String stdin, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        EngineMain.run(
            new EngineMain.Streams(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    String o = out.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : o.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(exit, lines, o, err.toString(StandardCharsets.UTF_8));
  }

  private static String[] volume(String command, String... more) {
    return volumeNamed("volume", command, more);
  }

  private static String[] volumeNamed(String name, String command, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--volume",
                dir.resolve(name).toString(),
                "--tenant",
                "tenant-acme",
                "--kek",
                dir.resolve("kek").toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static String[] backupArgs() {
    return backupArgs("volume");
  }

  private static String[] backupArgs(String volumeName) {
    return volumeNamed(
        volumeName,
        "backup",
        "--login-url",
        sim.baseUrl().toString(),
        "--org-id",
        sim.org().orgId(),
        "--include",
        "Contact,Account",
        "--trust-store",
        trustStore.toString());
  }

  @Test
  void backupStatsVerifyPrune() throws Exception {
    String token = sim.issueToken(sim.org().integrationUserId());
    Run backup = run("{\"accessToken\":\"" + token + "\"}", backupArgs());
    assertThat(backup.exit()).as(backup.err()).isZero();
    JsonNode result = backup.lines().get(backup.lines().size() - 1);
    assertThat(result.get("type").asText()).isEqualTo("backup-result");
    assertThat(result.get("committed").asBoolean()).isTrue();
    assertThat(result.get("objects")).hasSize(2);
    assertThat(backup.lines()).anyMatch(n -> n.get("type").asText().equals("object-done"));
    assertThat(backup.out() + backup.err()).doesNotContain(token);

    Run again = run("{\"accessToken\":\"" + token + "\"}", backupArgs());
    assertThat(again.exit()).isZero();

    Run stats = run("", volume("stats"));
    assertThat(stats.exit()).isZero();
    assertThat(stats.lines()).hasSize(2);
    assertThat(stats.lines().get(0).get("rows").asLong()).isGreaterThan(300);
    assertThat(stats.lines().get(0).get("bytes").asLong()).isPositive();
    assertThat(stats.lines().get(0).get("objects").asInt()).isEqualTo(2);

    Run verify = run("", volume("verify"));
    assertThat(verify.exit()).isZero();
    assertThat(verify.lines().get(0).get("ok").asBoolean()).isTrue();

    Run prune = run("", volume("prune"));
    assertThat(prune.exit()).isZero();
    assertThat(prune.lines().get(0).get("type").asText()).isEqualTo("prune-result");
  }

  @Test
  void anAllowanceStopExitsThreeKeepsAPendingBackupAndTheNextRunCommitsIt() throws Exception {
    String token = sim.issueToken(sim.org().integrationUserId());
    long dailyMax = sim.limits().dailyMax();
    Run stopped;
    try {
      // Enough for Account (the first object), not for Contact: one object at a time, so that
      // Account is done before Contact starts.
      sim.limits().dailyMax(sim.limits().used() + 6);
      stopped =
          run(
              "{\"accessToken\":\"" + token + "\"}",
              withFullBudget(sequential(backupArgs("pending"))));
    } finally {
      sim.limits().resetDay();
      sim.limits().dailyMax(dailyMax);
    }
    assertThat(stopped.exit()).as(stopped.err()).isEqualTo(3);
    JsonNode result = stopped.lines().get(stopped.lines().size() - 1);
    assertThat(result.get("committed").asBoolean()).isFalse();
    assertThat(result.get("pending").asBoolean()).isTrue();
    assertThat(result.get("detail").asText()).isEqualTo("pending, will resume");
    assertThat(stopped.lines())
        .anyMatch(
            n ->
                n.get("type").asText().equals("run-pending")
                    && n.get("detail").asText().equals("pending, will resume"));

    Run stats = run("", volumeNamed("pending", "stats"));
    assertThat(stats.exit()).isZero();
    JsonNode pending = stats.lines().get(stats.lines().size() - 1);
    assertThat(pending.get("type").asText()).isEqualTo("pending-backup");
    assertThat(pending.get("backup").asLong()).isEqualTo(1);
    assertThat(pending.get("objectsComplete").asLong()).isEqualTo(1);
    assertThat(pending.get("rows").asLong()).isPositive();
    Run verify = run("", volumeNamed("pending", "verify"));
    assertThat(verify.exit()).isZero();
    assertThat(verify.lines().get(0).get("pendingBackup").asLong()).isEqualTo(1);

    Run next = run("{\"accessToken\":\"" + token + "\"}", backupArgs("pending"));
    assertThat(next.exit()).as(next.err()).isZero();
    assertThat(next.lines()).anyMatch(n -> n.get("type").asText().equals("run-resumed"));
    Run after = run("", volumeNamed("pending", "stats"));
    assertThat(after.lines()).hasSize(1);
    assertThat(after.lines().get(0).get("type").asText()).isEqualTo("backup-stats");
  }

  private static String[] sequential(String[] args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--parallelism", "1"));
    return a.toArray(String[]::new);
  }

  private static String[] withFullBudget(String[] args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--api-budget-percent", "100"));
    return a.toArray(String[]::new);
  }

  @Test
  void secretsComeFromStdinAndAreNeverPrinted() throws Exception {
    String refresh = "5Aep861notAValidRefreshTokenButSecret";
    String secret = "consumer-secret-never-printed";
    String[] args =
        volume(
            "backup",
            "--login-url",
            sim.baseUrl().toString(),
            "--consumer-key",
            sim.connectedApp().consumerKey(),
            "--org-id",
            sim.org().orgId(),
            "--trust-store",
            trustStore.toString());
    Run r =
        run("{\"refreshToken\":\"" + refresh + "\",\"consumerSecret\":\"" + secret + "\"}", args);
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).isNotBlank();
    assertThat(r.out() + r.err()).doesNotContain(refresh).doesNotContain(secret);
    assertThat(r.err()).startsWith("orgvault-engine: ");
    System.out.println("refused grant: " + r.err().strip());

    Run bad = run("{\"refreshToken\": \"" + refresh, args);
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.out() + bad.err()).doesNotContain(refresh);
  }

  /** A store written through the public store API, three backups of 200 changing Contacts. */
  private static Path storeWithThreeBackups(String name) throws Exception {
    Path v = dir.resolve(name);
    List<FieldSchema> schema =
        List.of(FieldSchema.of("Id", "id"), FieldSchema.of("LastName", "string"));
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(dir.resolve("kek"));
        RecordStore s = RecordStore.create(v, "tenant-acme", kek)) {
      for (int b = 1; b <= 3; b++) {
        try (BackupWriter w = s.beginBackup("00D000000000001EAA")) {
          ObjectWriter o = w.object("Contact", schema);
          for (int i = 0; i < (b == 1 ? 200 : 20); i++) {
            String id = String.format("003%015d", i * b);
            o.add(
                RecordVersion.upsert(
                    "Contact", id, 1000L * b, Map.of("Id", id, "LastName", "v" + b)));
          }
          w.commit();
        }
      }
    }
    return v;
  }

  private static String[] at(Path v, String command, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--volume",
                v.toString(),
                "--tenant",
                "tenant-acme",
                "--kek",
                dir.resolve("kek").toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static Map<Path, Long> sizes(Path v) throws Exception {
    Map<Path, Long> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(v)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.getLastModifiedTime(p).toMillis() * 1_000_000 + Files.size(p));
      }
    }
    return out;
  }

  @Test
  void pruneWithRetentionAndCompactionPrintsWhatItDidAndDryRunDoesNothing() throws Exception {
    Path v = storeWithThreeBackups("prune-volume");
    Map<Path, Long> before = sizes(v);

    Run dry = run("", at(v, "prune", "--keep-last", "1", "--compact", "--dry-run"));
    assertThat(dry.exit()).as(dry.err()).isZero();
    JsonNode d = dry.lines().get(0);
    assertThat(d.get("type").asText()).isEqualTo("prune-result");
    assertThat(d.get("dryRun").asBoolean()).isTrue();
    assertThat(d.get("dropped").toString()).isEqualTo("[1,2]");
    assertThat(d.get("kept").get(0).get("backup").asLong()).isEqualTo(3);
    assertThat(d.get("compactions").get(0).get("inputSegments").asInt()).isEqualTo(3);
    assertThat(d.get("manifests").asLong()).isEqualTo(2);
    assertThat(sizes(v)).isEqualTo(before);

    Run real = run("", at(v, "prune", "--keep-last", "1", "--compact"));
    assertThat(real.exit()).as(real.err()).isZero();
    JsonNode r = real.lines().get(0);
    assertThat(r.get("dryRun").asBoolean()).isFalse();
    assertThat(r.get("dropped").toString()).isEqualTo("[1,2]");
    assertThat(r.get("compactions").get(0).get("outputSegments").asInt()).isEqualTo(1);
    assertThat(r.get("segments").asLong()).isEqualTo(3);
    assertThat(r.get("bytesFreed").asLong()).isPositive();
    assertThat(r.get("pruneRecord").asLong()).isEqualTo(1);

    Run verify = run("", at(v, "verify"));
    assertThat(verify.exit()).isZero();
    assertThat(verify.lines().get(0).get("ok").asBoolean()).isTrue();
    Run stats = run("", at(v, "stats"));
    assertThat(stats.lines()).hasSize(1);
    assertThat(stats.lines().get(0).get("backup").asLong()).isEqualTo(3);

    Run bad = run("", at(v, "prune", "--keep-daily", "-1"));
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("must not be negative");
  }
}
