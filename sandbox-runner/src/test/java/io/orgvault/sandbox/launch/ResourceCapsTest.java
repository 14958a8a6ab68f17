package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.sandbox.Sandboxes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Memory, processes, CPU time and the wall clock, each pushed past its cap inside a sandbox. */
class ResourceCapsTest {
  static Path dir;
  static SandboxLauncher launcher;
  static TenantSandbox tenant;

  @BeforeAll
  static void start() throws Exception {
    dir = Sandboxes.searchableTempDir("orgvault-caps");
    launcher =
        Sandboxes.launcher(
            Sandboxes.config(dir)
                .withLimits(
                    new ResourceLimits(
                        256L * 1024 * 1024,
                        128L * 1024 * 1024,
                        2,
                        64,
                        256,
                        100,
                        Duration.ofSeconds(60))));
    tenant = new TenantSandbox("caps", 61_020, dir.resolve("volume"), Set.of());
  }

  @AfterAll
  static void stop() {
    launcher.close();
  }

  static SandboxProcess start(String script) {
    return start(script, launcher.config().limits());
  }

  static SandboxProcess start(String script, ResourceLimits limits) {
    return launcher.start(
        tenant,
        SandboxCommand.program("/bin/sh", "-c", script),
        new byte[0],
        List.of(),
        l -> {},
        limits);
  }

  @Test
  void thisHostCapsWithCgroups() {
    // The CI and development hosts have writable cgroup v1 controllers; rlimits are the fallback.
    assertThat(launcher.usesCgroups()).isTrue();
  }

  @Test
  void aMemoryHogIsKilledAtTheCap() throws Exception {
    // 400 MiB of string in a 256 MiB sandbox (swap counted too).
    SandboxResult r =
        start("exec perl -e '$x = \"a\" x (400 * 1024 * 1024); print \"survived\\n\"'").await();
    assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.MEMORY_LIMIT);
    assertThat(r.exitCode()).isEqualTo(128 + 9);
    assertThat(r.stdout()).doesNotContain("survived");
    assertThat(r.peakMemoryBytes()).isLessThanOrEqualTo(256L * 1024 * 1024);
  }

  @Test
  void aForkBombStopsAtThePidsCap() throws Exception {
    SandboxResult r =
        start(
                "exec perl -e 'my $n = 0; for (1..500) { my $p = fork(); if (!defined $p) { print \"fork failed after $n: \", $!+0, \"\\n\"; last } if ($p == 0) { sleep 30; exit 0 } $n++ } kill 9, -$$ if 0; print \"done\\n\"; exit 0'")
            .await();
    assertThat(r.stdout().get(0)).startsWith("fork failed after ").endsWith(": 11"); // EAGAIN
    int forked =
        Integer.parseInt(r.stdout().get(0).replaceAll("fork failed after (\\d+):.*", "$1"));
    assertThat(forked).isLessThan(64);
    // The sleeping children died with the sandbox: the job ended when its main process did.
    assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.EXITED);
  }

  @Test
  void cpuTimeIsCapped() throws Exception {
    SandboxResult r = start("exec perl -e '1 while 1'").await();
    // RLIMIT_CPU of 2 s: SIGXCPU (24) ends the busy loop long before the wall clock.
    assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.EXITED);
    assertThat(r.exitCode()).isEqualTo(128 + 24);
  }

  @Test
  void theWallClockKillsTheWholeTree() throws Exception {
    SandboxProcess p =
        start(
            "sleep 600 & sleep 600 & sleep 600; wait",
            launcher.config().limits().withWallClock(Duration.ofSeconds(3)));
    Thread.sleep(500);
    List<ProcessHandle> tree = p.handle().descendants().toList();
    assertThat(tree).hasSizeGreaterThanOrEqualTo(4); // bwrap's init, sh, three sleeps
    SandboxResult r = p.await();
    assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.TIMED_OUT);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(30));
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(p.handle().isAlive()).isFalse();
  }
}
