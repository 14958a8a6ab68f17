package io.orgvault.sandbox.launch;

import io.orgvault.sandbox.egress.EgressLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the launcher builds sandboxes; the keys are listed in the module README.
 *
 * @param bwrap the bubblewrap binary
 * @param setpriv util-linux setpriv, which drops to the tenant's uid
 * @param prlimit util-linux prlimit, which sets the rlimits
 * @param shell a POSIX shell for the launch prelude (opens the seccomp filter, joins the cgroups)
 * @param runtimeDir a root-owned host directory for the staged application, the filter, sockets
 * @param javaHome the JRE mounted read-only and run inside
 * @param appClasspath the application's jars and class directories, staged read-only at /app
 * @param systemPaths host paths mounted read-only (those that exist): libraries, CA roots, JRE
 *     config
 * @param uids the host uids reserved for tenants
 * @param limits the resources of each job
 * @param cgroupRoot where the cgroup v1 controllers are mounted; null: rlimits only
 * @param egressLog where the egress proxy reports every connection
 * @param allowUnisolatedDemo where bubblewrap cannot run, run jobs as plain child processes instead
 *     of refusing them: demo only, never with real tenants' data; the launcher then logs a warning
 *     on every job and {@link SandboxLauncher#isolated()} is false, for the portal to show
 * @param appCds build an AppCDS archive of the application's classes when the launcher starts (a
 *     training run in a sandbox, a few seconds) and start every sandboxed JVM with it
 */
public record SandboxConfig(
    Path bwrap,
    Path setpriv,
    Path prlimit,
    Path shell,
    Path runtimeDir,
    Path javaHome,
    List<Path> appClasspath,
    List<Path> systemPaths,
    UidRange uids,
    ResourceLimits limits,
    Path cgroupRoot,
    EgressLog egressLog,
    boolean allowUnisolatedDemo,
    boolean appCds) {

  public SandboxConfig {
    Objects.requireNonNull(bwrap);
    Objects.requireNonNull(setpriv);
    Objects.requireNonNull(prlimit);
    Objects.requireNonNull(shell);
    Objects.requireNonNull(runtimeDir);
    Objects.requireNonNull(javaHome);
    Objects.requireNonNull(uids);
    Objects.requireNonNull(limits);
    Objects.requireNonNull(egressLog);
    appClasspath = List.copyOf(appClasspath);
    systemPaths = List.copyOf(systemPaths);
    if (appClasspath.isEmpty()) {
      throw new IllegalArgumentException("the application class path is empty");
    }
  }

  /** Debian's locations, this JVM's home, cgroups at /sys/fs/cgroup, default limits. */
  public static SandboxConfig defaults(Path runtimeDir, List<Path> appClasspath, UidRange uids) {
    return new SandboxConfig(
        Path.of("/usr/bin/bwrap"),
        Path.of("/usr/bin/setpriv"),
        Path.of("/usr/bin/prlimit"),
        Path.of("/bin/sh"),
        runtimeDir,
        Path.of(System.getProperty("java.home")),
        appClasspath,
        defaultSystemPaths(),
        uids,
        ResourceLimits.defaults(),
        Path.of("/sys/fs/cgroup"),
        EgressLog.systemLogger(),
        false,
        true);
  }

  /**
   * {@code /usr} (with {@code /bin}, {@code /lib}, {@code /lib64}, {@code /sbin}), the dynamic
   * linker cache, the CA certificates and the JRE's configuration under {@code /etc}.
   */
  static List<Path> defaultSystemPaths() {
    List<Path> out = new ArrayList<>();
    for (String p :
        List.of(
            "/usr",
            "/bin",
            "/sbin",
            "/lib",
            "/lib64",
            "/etc/ld.so.cache",
            "/etc/ssl/certs",
            "/etc/alternatives")) {
      out.add(Path.of(p));
    }
    try (var etc = Files.list(Path.of("/etc"))) {
      etc.filter(p -> p.getFileName().toString().startsWith("java-")).forEach(out::add);
    } catch (java.io.IOException e) {
      // no /etc listing: the JRE's own conf directory still comes with javaHome
    }
    return out;
  }

  public SandboxConfig withLimits(ResourceLimits l) {
    return new SandboxConfig(
        bwrap,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        l,
        cgroupRoot,
        egressLog,
        allowUnisolatedDemo,
        appCds);
  }

  public SandboxConfig withCgroupRoot(Path root) {
    return new SandboxConfig(
        bwrap,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        limits,
        root,
        egressLog,
        allowUnisolatedDemo,
        appCds);
  }

  public SandboxConfig withEgressLog(EgressLog log) {
    return new SandboxConfig(
        bwrap,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        limits,
        cgroupRoot,
        log,
        allowUnisolatedDemo,
        appCds);
  }

  public SandboxConfig withBwrap(Path path) {
    return new SandboxConfig(
        path,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        limits,
        cgroupRoot,
        egressLog,
        allowUnisolatedDemo,
        appCds);
  }

  /** Allows the unisolated demo mode where bubblewrap cannot run (demo only). */
  public SandboxConfig withUnisolatedDemoAllowed(boolean allowed) {
    return new SandboxConfig(
        bwrap,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        limits,
        cgroupRoot,
        egressLog,
        allowed,
        appCds);
  }

  /** With or without the AppCDS archive. */
  public SandboxConfig withAppCds(boolean on) {
    return new SandboxConfig(
        bwrap,
        setpriv,
        prlimit,
        shell,
        runtimeDir,
        javaHome,
        appClasspath,
        systemPaths,
        uids,
        limits,
        cgroupRoot,
        egressLog,
        allowUnisolatedDemo,
        on);
  }
}
