package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.engine.backup.BackupJob;
import io.orgvault.engine.backup.BackupOptions;
import io.orgvault.engine.backup.BackupResult;
import io.orgvault.engine.backup.ProgressSink;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.egress.EgressRecord;
import io.orgvault.sandbox.egress.HostPort;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSecrets;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.sandbox.protocol.PruneSettings;
import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real engine jobs inside real sandboxes against the simulator, through the egress proxy. */
class SandboxJobTest {
  static Path dir;
  static SandboxLauncher launcher;
  static Simulator sim;
  static TenantFixture acme;
  static TenantSandbox acmeSandbox;

  @BeforeAll
  static void start() throws Exception {
    dir = Sandboxes.searchableTempDir("orgvault-jobs");
    launcher = Sandboxes.launcher(dir);
    sim = Simulator.builder().contacts(500).port(0).start();
    acme = new TenantFixture("acme", sim, dir);
    acmeSandbox = new TenantSandbox("acme", 61_031, acme.volume, Set.of());
  }

  @AfterAll
  static void stop() {
    launcher.close();
    sim.close();
  }

  @Test
  void aBackupInsideTheSandboxEqualsADirectRun() throws Exception {
    // A tenant of its own: the other tests back up into acme's store.
    TenantFixture tenant = new TenantFixture("equal", sim, dir);
    TenantSandbox sandbox = new TenantSandbox("equal", 61_032, tenant.volume, Set.of());
    Sandboxes.EGRESS.clear();
    List<JsonNode> messages = new ArrayList<>();
    SandboxLauncher.JobOutcome out =
        launcher.runJob(sandbox, tenant.backupRequest("/unused"), messages::add);

    assertThat(out.sandbox().outcome()).isEqualTo(SandboxResult.Outcome.EXITED);
    assertThat(out.sandbox().exitCode()).as(out.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    JsonNode result = out.lastMessage();
    assertThat(result.get("type").asText()).isEqualTo("job-result");
    assertThat(result.at("/result/committed").asBoolean()).isTrue();
    assertThat(messages.get(0).get("type").asText()).isEqualTo("job-started");
    assertThat(messages).anyMatch(m -> m.get("type").asText().equals("object-done"));

    // Every connection went through the proxy to the org's host, and was logged.
    HostPort org = HostPort.of(sim.baseUrl());
    assertThat(Sandboxes.EGRESS).isNotEmpty();
    assertThat(Sandboxes.EGRESS)
        .allSatisfy(
            r -> {
              assertThat(r.tenant()).isEqualTo("equal");
              assertThat(new HostPort(r.host(), r.port())).isEqualTo(org);
              assertThat(r.allowed()).isTrue();
            });
    assertThat(Sandboxes.EGRESS.stream().mapToLong(EgressRecord::bytesFromDestination).sum())
        .isPositive();

    // The same org backed up directly, in this JVM, into another store.
    TenantFixture direct = new TenantFixture("direct", sim, dir);
    BackupResult directResult;
    try (RecordStore store = direct.openStore()) {
      SalesforceClient client =
          SalesforceClient.connect(
              TokenSource.fixed(sim.issueToken(sim.org().integrationUserId()), sim.baseUrl()),
              TrustStores.trusting(sim.trustStore()),
              ClientOptions.defaults());
      directResult =
          new BackupJob(
                  client,
                  store,
                  sim.org().orgId(),
                  BackupOptions.defaults(),
                  ProgressSink.discard())
              .run();
    }
    assertThat(result.at("/result/rowsWritten").asLong()).isEqualTo(directResult.rowsWritten());
    assertThat(result.at("/result/tombstones").asLong()).isEqualTo(directResult.tombstones());
    try (RecordStore sandboxed = tenant.openStore();
        RecordStore directStore = direct.openStore()) {
      assertThat(contents(sandboxed)).isEqualTo(contents(directStore)).isNotEmpty();
    }

    // And the sandbox verifies what it wrote.
    SandboxLauncher.JobOutcome verify =
        launcher.runJob(sandbox, tenant.storeRequest(JobKind.VERIFY, "/unused"), m -> {});
    assertThat(verify.sandbox().exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(verify.lastMessage().at("/result/ok").asBoolean()).isTrue();
  }

  @Test
  void aRetentionPruneInTheSandboxDropsWhatThePolicyDoesNotKeep() throws Exception {
    TenantFixture tenant = new TenantFixture("retention", sim, dir);
    TenantSandbox sandbox = new TenantSandbox("retention", 61_033, tenant.volume, Set.of());
    for (int i = 0; i < 3; i++) {
      SandboxLauncher.JobOutcome b =
          launcher.runJob(sandbox, tenant.backupRequest("/unused"), m -> {});
      assertThat(b.sandbox().exitCode()).as(b.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    }
    Map<String, Map<String, Long>> before;
    try (RecordStore s = tenant.openStore()) {
      assertThat(s.backups()).containsExactly(1L, 2L, 3L);
      before = contents(s);
    }
    JobRequest prune;
    try (ReleasedDataKey key = tenant.releaseKey()) {
      byte[] m = key.material();
      prune =
          new JobRequest(
              JobSpec.ofRetention(
                  "retention",
                  "/unused",
                  key.kekId(),
                  key.binding(),
                  new PruneSettings(0, 0, 1, false, false)),
              JobSecrets.ofAccessToken(null, m));
      java.util.Arrays.fill(m, (byte) 0);
    }
    SandboxLauncher.JobOutcome out = launcher.runJob(sandbox, prune, msg -> {});
    assertThat(out.sandbox().exitCode()).as(out.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    JsonNode r = out.lastMessage().get("result");
    assertThat(r.get("dryRun").asBoolean()).isFalse();
    assertThat(r.get("dropped")).extracting(JsonNode::asLong).containsExactly(1L, 2L);
    assertThat(r.at("/kept/0/backup").asLong()).isEqualTo(3);
    assertThat(r.get("pruneRecord").asLong()).isPositive();
    try (RecordStore s = tenant.openStore()) {
      assertThat(s.backups()).containsExactly(3L);
      assertThat(contents(s)).isEqualTo(before);
      assertThat(s.verify().ok()).isTrue();
    }
  }

  /** Per object, every live Id of the latest backup with its SystemModstamp. */
  static Map<String, Map<String, Long>> contents(RecordStore store) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    long latest = store.latestBackup().getAsLong();
    Manifest m = store.manifest(latest);
    Snapshot s = store.snapshot(latest);
    for (Manifest.ObjectEntry o : m.objects()) {
      Map<String, Long> rows = new TreeMap<>();
      try (RecordStream rs = s.records(o.name())) {
        for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
          RecordVersion v = it.next();
          rows.put(v.id(), v.systemModstamp());
        }
      }
      out.put(o.name(), rows);
    }
    return out;
  }

  @Test
  void secretsAreNeverInArgvOrTheEnvironment() throws Exception {
    String token = sim.issueToken(sim.org().integrationUserId());
    JobRequest r = acme.backupRequest("/unused", token);
    JobRequest inside =
        new JobRequest(
            r.spec()
                .withVolume(SandboxLauncher.VOLUME)
                .withEgressSocket(SandboxLauncher.EGRESS_SOCKET),
            r.secrets());
    String key = Base64.getEncoder().encodeToString(r.secrets().dataKey());
    List<String> seen = new ArrayList<>();
    SandboxProcess[] p = new SandboxProcess[1];
    p[0] =
        launcher.start(
            new TenantSandbox("acme", 61_031, acme.volume, Set.of(HostPort.of(sim.baseUrl()))),
            SandboxCommand.job(),
            inside.toJson(),
            r.secrets().scrubForms(),
            line -> {
              if (line.contains("job-started")) {
                // The job is running: read what the host can read of every process of it.
                while (p[0] == null) {
                  Thread.onSpinWait();
                }
                List<ProcessHandle> all = new ArrayList<>();
                all.add(p[0].handle());
                all.addAll(p[0].handle().descendants().toList());
                for (ProcessHandle h : all) {
                  seen.add(read("/proc/" + h.pid() + "/cmdline"));
                  seen.add(read("/proc/" + h.pid() + "/environ"));
                }
              }
            });
    SandboxResult result = p[0].await();
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(seen).anyMatch(s -> s.contains("io.orgvault.sandbox.job.SandboxMain"));
    assertThat(seen).anyMatch(s -> s.contains("PATH=/usr/bin:/bin"));
    assertThat(seen).noneMatch(s -> s.contains(token)).noneMatch(s -> s.contains(key));
    assertThat(String.join("\n", result.stdout())).doesNotContain(token);
  }

  static String read(String file) {
    try {
      return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return ""; // the process ended meanwhile
    }
  }

  @Test
  void thePlatformKeyAndTheLaunchersFilesAreNotThere() throws Exception {
    Path runtime = launcher.config().runtimeDir();
    SandboxResult r =
        launcher
            .start(
                acmeSandbox,
                SandboxCommand.program(
                    "/bin/sh",
                    "-c",
                    "for f in "
                        + acme.kekFile
                        + " "
                        + runtime.resolve("seccomp.bpf")
                        + " "
                        + runtime.resolve("jobs")
                        + "; do test -e $f && echo \"visible $f\" || echo absent; done"),
                new byte[0],
                List.of(),
                l -> {})
            .await();
    assertThat(r.stdout()).containsExactly("absent", "absent", "absent");
  }

  @Test
  void stderrAndStdoutAreScrubbedOfTheSecretsPassed() throws Exception {
    String secret = "00Dxx!AQEAQFakeSessionToken0123456789";
    SandboxResult r =
        launcher
            .start(
                acmeSandbox,
                SandboxCommand.program(
                    "/bin/sh", "-c", "read s; echo \"token=$s\" >&2; echo \"out $s\""),
                (secret + "\n").getBytes(StandardCharsets.UTF_8),
                List.of(secret),
                l -> {})
            .await();
    assertThat(r.stderr()).isEqualTo("token=[redacted]\n");
    assertThat(r.stdout()).containsExactly("out [redacted]");
  }

  @Test
  void fromInsideOnlyTheProxyLeadsOutAndOnlyToTheOrg() throws Exception {
    Sandboxes.EGRESS.clear();
    String simHost = sim.baseUrl().getHost();
    int simPort = sim.baseUrl().getPort();
    String perl =
        "use IO::Socket::UNIX; use IO::Socket::INET; "
            + "sub ask { my $s = IO::Socket::UNIX->new(Peer => '"
            + SandboxLauncher.EGRESS_SOCKET
            + "') or die \"no proxy: $!\"; print $s \"CONNECT $_[0] HTTP/1.1\\r\\n\\r\\n\"; "
            + "my $l = <$s>; $l =~ s/\\r?\\n//; print \"$_[0] -> $l\\n\" } "
            + "ask('127.0.0.1:5432'); ask('example.com:443'); ask('"
            + simHost
            + ":"
            + simPort
            + "'); "
            + "IO::Socket::INET->new(PeerAddr => '"
            + simHost
            + ":"
            + simPort
            + "', Timeout => 5) or print \"direct: $!\\n\";";
    SandboxResult r =
        launcher
            .start(
                new TenantSandbox("acme", 61_031, acme.volume, Set.of(HostPort.of(sim.baseUrl()))),
                SandboxCommand.program("/usr/bin/perl", "-e", perl),
                new byte[0],
                List.of(),
                l -> {})
            .await();
    assertThat(r.stdout())
        .as(r.stderr())
        .containsExactly(
            "127.0.0.1:5432 -> HTTP/1.1 403 Forbidden",
            "example.com:443 -> HTTP/1.1 403 Forbidden",
            simHost + ":" + simPort + " -> HTTP/1.1 200 Connection Established",
            "direct: Connection refused");
    assertThat(Sandboxes.EGRESS)
        .extracting(EgressRecord::host, EgressRecord::allowed)
        .contains(
            org.assertj.core.groups.Tuple.tuple("127.0.0.1", false),
            org.assertj.core.groups.Tuple.tuple("example.com", false));
  }
}
