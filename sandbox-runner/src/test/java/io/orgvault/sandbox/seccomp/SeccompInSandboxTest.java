package io.orgvault.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.launch.SandboxCommand;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.SandboxResult;
import io.orgvault.sandbox.launch.TenantSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter in the kernel: Perl's {@code syscall} makes the raw calls inside a real sandbox and
 * prints the errno. Without the filter these calls give other answers in the sandbox (ptrace
 * TRACEME and unshare succeed, keyctl says EINVAL), so EPERM here is the filter's doing.
 */
class SeccompInSandboxTest {
  static SandboxLauncher launcher;
  static TenantSandbox tenant;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-seccomp");
    launcher = Sandboxes.launcher(dir);
    tenant = new TenantSandbox("probe", 61_010, dir.resolve("volume"), Set.of());
  }

  @AfterAll
  static void stop() {
    launcher.close();
  }

  /** Prints "name errno" for each raw call; errno 0 means it succeeded. */
  static List<String> probe(String perl) throws InterruptedException {
    SandboxResult r =
        launcher
            .start(
                tenant,
                SandboxCommand.program("/usr/bin/perl", "-e", perl),
                new byte[0],
                List.of(),
                l -> {})
            .await();
    assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.EXITED);
    return r.stdout();
  }

  @Test
  void deniedCallsFailWithEperm() throws Exception {
    Architecture a = Architecture.current();
    StringBuilder perl =
        new StringBuilder(
            "sub t { my ($n, $nr) = @_; $! = 0; syscall($nr, 0, 0, 0, 0); print \"$n \", $!+0, \"\\n\" } ");
    for (String name :
        List.of(
            "ptrace",
            "unshare",
            "keyctl",
            "add_key",
            "bpf",
            "perf_event_open",
            "mount",
            "umount2",
            "setns",
            "kexec_load",
            "init_module",
            "io_uring_setup",
            "userfaultfd")) {
      perl.append("t('")
          .append(name)
          .append("', ")
          .append(a.syscall(name))
          .append(", 0, 0, 0, 0); ");
    }
    List<String> out = probe(perl.toString());
    assertThat(out).hasSize(13).allMatch(l -> l.endsWith(" 1"), "every call failed with EPERM (1)");
  }

  @Test
  void namespaceClonesRawAndPacketSocketsAreDenied() throws Exception {
    Architecture a = Architecture.current();
    List<String> out =
        probe(
            "use Socket; "
                + "socket(S, 17, 3, 0) or print \"packet \", $!+0, \"\\n\"; "
                + "socket(R, AF_INET, SOCK_RAW, 1) or print \"raw \", $!+0, \"\\n\"; "
                + "socket(T, AF_INET, SOCK_STREAM, 0) and print \"tcp ok\\n\"; "
                + "$! = 0; syscall("
                + a.syscall("clone")
                + ", 0x10000011, 0, 0, 0, 0); print \"clone-newuser \", $!+0, \"\\n\"; "
                + "my $p = fork(); if ($p == 0) { exit 0 } waitpid($p, 0); print \"fork ok\\n\";");
    assertThat(out).containsExactly("packet 1", "raw 1", "tcp ok", "clone-newuser 1", "fork ok");
  }

  @Test
  void aJvmRunsUnderTheFilter() throws Exception {
    // Threads (clone3 answered ENOSYS, clone without namespace flags) and sockets still work.
    SandboxResult r =
        launcher
            .start(
                tenant,
                SandboxCommand.java("io.orgvault.sandbox.seccomp.ThreadsProbe"),
                new byte[0],
                List.of(),
                l -> {})
            .await();
    assertThat(r.stdout()).containsExactly("threads 8", "loopback ok");
  }
}
