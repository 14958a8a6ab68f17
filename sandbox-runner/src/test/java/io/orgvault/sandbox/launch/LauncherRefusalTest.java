package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.sandbox.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the launcher refuses, each with a message that says why. */
class LauncherRefusalTest {
  @Test
  void withoutBubblewrapNoJobRunsAtAll() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-refuse");
    SandboxConfig c = Sandboxes.config(dir);
    SandboxConfig noBwrap = c.withBwrap(dir.resolve("no-such-bwrap"));
    assertThatThrownBy(() -> new SandboxLauncher(noBwrap))
        .isInstanceOf(IsolationUnavailableException.class)
        .hasMessageContaining("no-such-bwrap is missing")
        .hasMessageContaining("never run without a sandbox");
  }

  @Test
  void theUnisolatedDemoModeRunsOnlyWhenAllowedAndSaysSo() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-demo");
    SandboxConfig demo =
        Sandboxes.config(dir)
            .withBwrap(dir.resolve("no-such-bwrap"))
            .withUnisolatedDemoAllowed(true);
    io.orgvault.sandbox.TenantFixture t =
        new io.orgvault.sandbox.TenantFixture(
            "demo", io.orgvault.simulator.Simulator.builder().contacts(10).port(0).start(), dir);
    try (t;
        SandboxLauncher launcher = new SandboxLauncher(demo)) {
      assertThat(launcher.isolated()).isFalse();
      SandboxLauncher.JobOutcome o =
          launcher.runJob(
              new TenantSandbox("demo", 61_080, t.volume, Set.of()),
              t.storeRequest(io.orgvault.sandbox.protocol.JobKind.VERIFY, "/unused"),
              m -> {});
      assertThat(o.sandbox().exitCode()).as(o.sandbox().stderr()).isZero();
      assertThat(o.lastMessage().at("/result/ok").asBoolean()).isTrue();
    }
  }

  @Test
  void tenantsAreCheckedBeforeAnythingStarts() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-refuse");
    try (SandboxLauncher launcher = Sandboxes.launcher(dir)) {
      TenantSandbox root = new TenantSandbox("acme", 0, dir.resolve("v"), Set.of());
      assertThatThrownBy(
              () ->
                  launcher.start(
                      root, SandboxCommand.program("/bin/true"), new byte[0], List.of(), l -> {}))
          .hasMessageContaining("uid 0 is outside the sandbox range");

      Path hidden = dir.resolve("private");
      Files.createDirectories(hidden);
      Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwx------"));
      TenantSandbox unreachable =
          new TenantSandbox("acme", 61_050, hidden.resolve("volume"), Set.of());
      assertThatThrownBy(
              () ->
                  launcher.start(
                      unreachable,
                      SandboxCommand.program("/bin/true"),
                      new byte[0],
                      List.of(),
                      l -> {}))
          .hasMessageContaining("cannot reach its volume")
          .hasMessageContaining(hidden.toString());
    }
    assertThatThrownBy(() -> new TenantSandbox("../etc", 61_000, Path.of("/v"), Set.of()))
        .hasMessageContaining("a tenant id is");
  }

  @Test
  void uidsAreAssignedOncePerTenantAndKept(@org.junit.jupiter.api.io.TempDir Path dir) {
    UidRange range = new UidRange(61_000, 2);
    Path file = dir.resolve("uids");
    TenantUids uids = new TenantUids(range, file);
    assertThat(uids.uidOf("acme")).isEqualTo(61_000);
    assertThat(uids.uidOf("globex")).isEqualTo(61_001);
    assertThat(uids.uidOf("acme")).isEqualTo(61_000);
    assertThatThrownBy(() -> uids.uidOf("initech")).hasMessageContaining("no sandbox uid left");
    assertThat(new TenantUids(range, file).uidOf("globex")).isEqualTo(61_001);
  }
}
