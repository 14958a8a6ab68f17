package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.sandbox.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a process inside a tenant sandbox can see and touch, probed with the runtime's tools. */
class IsolationTest {
  static Path dir;
  static SandboxLauncher launcher;
  static TenantSandbox acme;
  static TenantSandbox other;

  @BeforeAll
  static void start() throws Exception {
    dir = Sandboxes.searchableTempDir("orgvault-isolation");
    launcher = Sandboxes.launcher(dir);
    acme = new TenantSandbox("acme", 61_001, dir.resolve("volumes/acme"), Set.of());
    other = new TenantSandbox("other", 61_002, dir.resolve("volumes/other"), Set.of());
    Files.createDirectories(other.volume());
    Files.writeString(other.volume().resolve("secret.txt"), "other tenant's data");
    Files.createDirectories(acme.volume());
    Files.writeString(acme.volume().resolve("mine.txt"), "acme's data");
    Files.setPosixFilePermissions(
        dir.resolve("volumes"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    // Each tenant's volume becomes its own uid's on first use.
    run(other, "true");
  }

  @AfterAll
  static void stop() {
    launcher.close();
  }

  static SandboxResult run(TenantSandbox t, String script) throws InterruptedException {
    return launcher
        .start(t, SandboxCommand.program("/bin/sh", "-c", script), new byte[0], List.of(), l -> {})
        .await();
  }

  static String out(SandboxResult r) {
    return String.join("\n", r.stdout());
  }

  @Test
  void runsAsTheTenantsOwnUidInsideAndOnTheHost() throws Exception {
    SandboxResult r = run(acme, "id -u; id -g; touch /volume/made-inside; echo done");
    assertThat(r.stdout()).containsExactly("61001", "61001", "done");
    Path made = acme.volume().resolve("made-inside");
    assertThat(Files.getAttribute(made, "unix:uid")).isEqualTo(61_001);
    assertThat(Files.getAttribute(other.volume().resolve("secret.txt"), "unix:uid"))
        .isEqualTo(61_002);
  }

  @Test
  void seesOnlyItsOwnVolume() throws Exception {
    SandboxResult r =
        run(
            acme,
            "cat /volume/mine.txt; echo; ls "
                + other.volume()
                + " 2>&1; cat "
                + other.volume().resolve("secret.txt")
                + " 2>&1; ls /; echo exit=$?");
    assertThat(r.stdout().get(0)).isEqualTo("acme's data");
    // The other volume's host path does not exist in this mount namespace at all.
    assertThat(out(r)).contains("No such file or directory").doesNotContain("other tenant's data");
    assertThat(r.stdout()).doesNotContain("work", "root", "home", "srv");
  }

  @Test
  void theRuntimeAndTheApplicationAreReadOnly() throws Exception {
    SandboxResult r =
        run(
            acme,
            "touch /app/x 2>&1; touch /usr/bin/x 2>&1; touch /x 2>&1; "
                + "ls /app | head -1 > /dev/null && echo app-readable; cat /etc/shadow 2>&1");
    assertThat(r.stdout())
        .contains("app-readable")
        .anyMatch(l -> l.contains("/app/x") && l.contains("Read-only file system"))
        .anyMatch(l -> l.contains("/usr/bin/x") && l.contains("Read-only file system"))
        .anyMatch(l -> l.contains("/x") && l.contains("Read-only file system"))
        .anyMatch(l -> l.contains("/etc/shadow") && l.contains("No such file or directory"));
  }

  @Test
  void tmpIsPrivateAndGoneAfterTheJob() throws Exception {
    SandboxResult first = run(acme, "echo left-behind > /tmp/trace; ls /tmp");
    assertThat(first.stdout()).containsExactly("trace");
    SandboxResult second = run(acme, "ls -A /tmp | wc -l");
    assertThat(second.stdout()).containsExactly("0");
  }

  @Test
  void seesOnlyItsOwnProcesses() throws Exception {
    SandboxResult r =
        run(acme, "ls /proc | grep -E '^[0-9]+$' | wc -l; cat /proc/1/cmdline | tr '\\0' ' '");
    // bubblewrap's init (pid 1), the shell, ls, grep, wc: nothing of the host.
    assertThat(Integer.parseInt(r.stdout().get(0).trim())).isLessThanOrEqualTo(6);
    assertThat(r.stdout().get(1)).startsWith("/usr/bin/bwrap ");
  }

  @Test
  void hasNoNetworkButLoopbackAndNoPrivileges() throws Exception {
    SandboxResult r =
        run(
            acme,
            "cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '; "
                + "grep -E '^(NoNewPrivs|CapEff|Seccomp):' /proc/self/status; hostname");
    assertThat(r.stdout())
        .containsExactly(
            "lo", "CapEff:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2", "orgvault-sandbox");
  }

  @Test
  void cannotReachHostServicesOnLoopback() throws Exception {
    // PostgreSQL listens on the host's 127.0.0.1:5432; the sandbox's loopback is its own.
    SandboxResult r =
        run(
            acme,
            "perl -MIO::Socket::INET -e 'IO::Socket::INET->new(\"127.0.0.1:5432\") or print \"refused: $!\\n\"'");
    assertThat(r.stdout()).containsExactly("refused: Connection refused");
  }
}
