package io.orgvault.sandbox;

import io.orgvault.sandbox.egress.EgressRecord;
import io.orgvault.sandbox.launch.IsolationUnavailableException;
import io.orgvault.sandbox.launch.ResourceLimits;
import io.orgvault.sandbox.launch.SandboxConfig;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.UidRange;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * Launchers for the tests: the real bubblewrap of this machine, this test JVM's class path as the
 * application, uids 61000-61099, small limits. The directories are searchable by others (not
 * listable), as a tenant uid must pass through them.
 */
public final class Sandboxes {
  public static final UidRange UIDS = new UidRange(61_000, 100);
  public static final List<EgressRecord> EGRESS = new CopyOnWriteArrayList<>();

  private Sandboxes() {}

  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    // Each launcher stages the whole test class path (tens of MB): remove it all when tests end.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(Sandboxes::delete)));
  }

  /**
   * A directory under /tmp the tenant uids can pass through (mode 711), deleted when the test JVM
   * exits.
   */
  public static Path searchableTempDir(String prefix) throws IOException {
    Path d = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx--x--x"));
    CREATED.add(d);
    return d;
  }

  private static void delete(Path root) {
    try (var all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }

  public static ResourceLimits testLimits() {
    return new ResourceLimits(
        512L * 1024 * 1024, 256L * 1024 * 1024, 120, 128, 1024, 100, Duration.ofMinutes(3));
  }

  public static SandboxConfig config(Path dir) {
    List<Path> classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .filter(Files::exists)
            .toList();
    return SandboxConfig.defaults(dir.resolve("runtime"), classpath, UIDS)
        .withLimits(testLimits())
        .withEgressLog(EGRESS::add)
        // A training run per launcher would cost seconds each; QueryBench and CdsArchiveTest use
        // it.
        .withAppCds(false);
  }

  /**
   * A launcher, or the test is skipped with the reason when this host genuinely cannot build a
   * sandbox (no bubblewrap, no user namespaces). On CI ({@code CI=true}), where
   * scripts/ensure-test-deps.sh installs bubblewrap, that is a failure instead.
   */
  public static SandboxLauncher launcher(Path dir) {
    return launcher(config(dir));
  }

  public static SandboxLauncher launcher(SandboxConfig config) {
    try {
      return new SandboxLauncher(config);
    } catch (IsolationUnavailableException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw e;
      }
      System.err.println("SKIPPED sandbox tests: " + e.getMessage());
      Assumptions.abort("bubblewrap cannot run on this host: " + e.getMessage());
      throw e;
    }
  }
}
