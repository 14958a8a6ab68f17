package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.sandbox.Sandboxes;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without cgroups (cgroupRoot null): memory and processes capped by rlimits instead. */
class RlimitFallbackTest {
  static SandboxLauncher launcher;
  static TenantSandbox tenant;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-rlimits");
    launcher = Sandboxes.launcher(Sandboxes.config(dir).withCgroupRoot(null));
    tenant = new TenantSandbox("rlimits", 61_095, dir.resolve("volume"), Set.of());
  }

  @AfterAll
  static void stop() {
    launcher.close();
  }

  static SandboxResult run(SandboxCommand c) throws InterruptedException {
    return launcher.start(tenant, c, new byte[0], List.of(), l -> {}).await();
  }

  @Test
  void aJvmStillRunsUnderTheAddressSpaceLimit() throws Exception {
    assertThat(launcher.usesCgroups()).isFalse();
    SandboxResult r = run(SandboxCommand.java("io.orgvault.sandbox.seccomp.ThreadsProbe"));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).containsExactly("threads 8", "loopback ok");
  }

  @Test
  void allocationPastTheAddressSpaceLimitFails() throws Exception {
    // 512 MiB memory + 1 GiB slack of address space: 2 GiB cannot be had.
    SandboxResult r =
        run(
            SandboxCommand.program(
                "/usr/bin/perl", "-e", "$x = 'a' x (2048 * 1024 * 1024); print \"survived\\n\""));
    assertThat(r.stdout()).doesNotContain("survived");
    assertThat(r.stderr()).contains("Out of memory");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  void processesAreCappedPerTenantUid() throws Exception {
    SandboxResult r =
        run(
            SandboxCommand.program(
                "/usr/bin/perl",
                "-e",
                "my $n = 0; for (1..500) { my $p = fork(); if (!defined $p) { print \"failed after"
                    + " $n: \", $!+0, \"\\n\"; last } if ($p == 0) { sleep 30; exit 0 } $n++ }"));
    assertThat(r.stdout().get(0)).startsWith("failed after ").endsWith(": 11");
  }
}
