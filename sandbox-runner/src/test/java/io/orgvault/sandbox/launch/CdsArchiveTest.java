package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.sandbox.Sandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The AppCDS archive: built by a training run in a sandbox, then mapped by sandboxed JVMs. */
class CdsArchiveTest {
  @Test
  void theLauncherTrainsAnArchiveThatSandboxedJvmsMap() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-cds");
    try (SandboxLauncher launcher = Sandboxes.launcher(Sandboxes.config(dir).withAppCds(true))) {
      Path archive = dir.resolve("runtime/app/" + SandboxLauncher.CDS_ARCHIVE);
      assertThat(archive).exists();
      assertThat(Files.getAttribute(archive, "unix:uid")).isEqualTo(0);
      // -Xshare:on: the JVM must map the archive or refuse to start.
      SandboxResult r =
          launcher
              .start(
                  new TenantSandbox("cds", 61_085, dir.resolve("volume"), Set.of()),
                  SandboxCommand.java("io.orgvault.sandbox.seccomp.ThreadsProbe")
                      .withJvmFlags("-Xshare:on"),
                  new byte[0],
                  List.of(),
                  l -> {})
              .await();
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stdout()).containsExactly("threads 8", "loopback ok");
      assertThat(r.stderr()).isEmpty();
    }
  }
}
