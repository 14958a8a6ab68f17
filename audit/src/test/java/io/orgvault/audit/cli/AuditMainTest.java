package io.orgvault.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.store.AuditStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditMainTest {
  @TempDir static Path dir;
  static TestDatabase db;
  static String url;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void setUp() throws SQLException {
    db = TestDatabase.create("orgvault_audit_test_cli");
    url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + db.schema();
  }

  @AfterAll
  static void tearDown() throws SQLException {
    db.close();
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AuditMain.run(
            new AuditMain.Streams(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] db(String... rest) {
    List<String> a = new ArrayList<>(List.of(rest));
    a.addAll(List.of("--jdbc-url", url, "--db-user", TestDatabase.APP_LOGIN));
    return a.toArray(String[]::new);
  }

  @Test
  void keygenCheckpointAndVerifyEndToEnd() throws Exception {
    Path priv = dir.resolve("cp.key");
    Path pub = dir.resolve("cp.pub");
    Run k = run("keygen", "--private-key", priv.toString(), "--public-key", pub.toString());
    assertThat(k.exit()).isZero();
    assertThat(k.out()).startsWith("KEY ed25519:");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    assertThat(
            run("keygen", "--private-key", priv.toString(), "--public-key", pub.toString()).exit())
        .as("never overwrites a key")
        .isEqualTo(AuditMain.FAILED);

    new AuditStore(db.app())
        .appendAll(IntStream.rangeClosed(1, 6).mapToObj(i -> Events.login("cli-t", i)).toList());
    Run cp =
        run(
            db(
                "checkpoint",
                "--tenant",
                "cli-t",
                "--private-key",
                priv.toString(),
                "--public-key",
                pub.toString()));
    assertThat(cp.exit()).as(cp.err()).isZero();
    assertThat(cp.out()).contains("SIGNED tenant cli-t at seq 6");

    Run ok = run(db("verify", "--tenant", "cli-t", "--public-key", pub.toString()));
    assertThat(ok.exit()).as(ok.err()).isEqualTo(AuditMain.OK);
    assertThat(ok.out()).startsWith("OK tenant cli-t: 6 rows, 1 checkpoints, head seq 6");

    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_event disable trigger user");
      s.execute("delete from audit_event where tenant_id = 'cli-t' and seq = 3");
      s.execute("alter table audit_event enable trigger user");
    }
    Run broken = run(db("verify", "--all-tenants", "--public-key", pub.toString()));
    assertThat(broken.exit()).isEqualTo(AuditMain.BROKEN);
    assertThat(broken.out()).contains("BROKEN tenant cli-t: SEQUENCE_GAP at seq 3");
  }

  @Test
  void aMissingTenantIsAUsageError() {
    Run r = run(db("verify", "--public-key", "x.pub"));
    assertThat(r.exit()).isEqualTo(AuditMain.USAGE);
    assertThat(r.err()).contains("--tenant");
  }

  @Test
  void aPasswordInTheUrlIsRefused() {
    String[] a = db("verify", "--tenant", "t", "--public-key", "x.pub");
    a[a.length - 3] = url + "&password=hunter2";
    Run r = run(a);
    assertThat(r.exit()).isEqualTo(AuditMain.USAGE);
    assertThat(r.err()).contains("--db-password-file").doesNotContain("hunter2");
  }

  @Test
  void anUnreachableDatabaseIsAFailureNotAVerdict() throws Exception {
    Path pub = dir.resolve("u.pub");
    run("keygen", "--private-key", dir.resolve("u.key").toString(), "--public-key", pub.toString());
    Run r =
        run(
            "verify",
            "--tenant",
            "t",
            "--public-key",
            pub.toString(),
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:1/test",
            "--db-user",
            "nobody");
    assertThat(r.exit()).isEqualTo(AuditMain.FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("audit: ");
  }
}
