package io.orgvault.sandbox.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.sandbox.egress.EgressProxy;
import io.orgvault.sandbox.egress.HostPort;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.sandbox.seccomp.SeccompFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts one isolated process per tenant job and supervises it. Each sandbox is:
 *
 * <ul>
 *   <li>bubblewrap with new user, pid, ipc, uts, cgroup, network and mount namespaces, no nested
 *       user namespaces, all capabilities dropped, a new session, killed with its parent;
 *   <li>run as the tenant's own host uid and gid ({@code setpriv} drops to it before bubblewrap
 *       creates the user namespace, which maps the same id inside), {@code no_new_privs};
 *   <li>a read-only root: the runtime ({@code /usr}, the JRE and its configuration), the staged
 *       application at {@code /app}; a private tmpfs {@code /tmp}; the tenant's volume at {@code
 *       /volume}, the only writable host directory; the egress proxy's socket;
 *   <li>the {@link SeccompFilter}; rlimits (CPU time, open files, no core dumps) and a cgroup per
 *       job (memory with swap, pids, CPU share), or address-space and process rlimits without
 *       cgroups;
 *   <li>a wall-clock timeout that kills every process of the job.
 * </ul>
 *
 * Secrets go in on stdin only; stdout and stderr come back scrubbed of them.
 */
public final class SandboxLauncher implements AutoCloseable {
  /** Where the tenant's volume appears inside. */
  public static final String VOLUME = "/volume";

  /** Where the egress proxy's socket appears inside. */
  public static final String EGRESS_SOCKET = "/run/orgvault/egress.sock";

  /** The exit code of the launch prelude when it cannot open the filter or join the cgroups. */
  static final int PRELUDE_FAILED = 125;

  /** The descriptor number bubblewrap reads the seccomp program from. */
  static final int SECCOMP_FD = 3;

  /** The hostname inside every sandbox (no tenant names in the UTS namespace). */
  static final String HOSTNAME = "orgvault-sandbox";

  /**
   * The launch prelude, run by {@code sh -c} as root: opens the filter on fd 3, writes its own pid
   * into each cgroup's {@code cgroup.procs} (arguments up to {@code --}), then becomes prlimit →
   * setpriv → bwrap. It never interpolates its arguments.
   */
  static final String PRELUDE =
      "exec 3<\"$1\" || exit 125; shift; "
          + "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; "
          + "exec \"$@\"";

  /** JVM flags inside: bounded native memory, no shared perf file in /tmp, one GC thread set. */
  static final List<String> JVM_FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:-UsePerfData",
          "-XX:MaxMetaspaceSize=128m",
          "-XX:CompressedClassSpaceSize=64m",
          "-XX:ReservedCodeCacheSize=64m",
          "-XX:TieredStopAtLevel=1",
          "-Xss512k",
          "-Djava.io.tmpdir=/tmp",
          "-Duser.home=/tmp",
          // The JVM's own warnings (e.g. an unusable CDS archive) go to stderr: stdout is protocol.
          "-Xlog:disable",
          "-Xlog:all=warning:stderr");

  /** The AppCDS archive's name in the staged application directory (so at /app/app.jsa). */
  static final String CDS_ARCHIVE = "app.jsa";

  /**
   * Without cgroups, the address-space rlimit leaves this much room above the memory cap for the
   * JVM's reservations (heap, metaspace and code are reserved, not used).
   */
  static final long ADDRESS_SPACE_SLACK_BYTES = 1024L * 1024 * 1024;

  /** CPU seconds between the soft (SIGXCPU) and the hard (SIGKILL) CPU-time limit. */
  static final long CPU_GRACE_SECONDS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxConfig config;
  private final AppImage app;
  private final Path filter;
  private final Path jobsDir;
  private final ScheduledExecutorService timer;
  private final AtomicLong jobCounter = new AtomicLong();
  private final boolean isolated;
  private static final System.Logger LOG = System.getLogger("io.orgvault.sandbox.launch");

  public SandboxLauncher(SandboxConfig config) {
    this.config = config;
    try {
      Path rt = config.runtimeDir();
      Files.createDirectories(rt);
      requireRootOwned(rt);
      Files.setPosixFilePermissions(rt, PosixFilePermissions.fromString("rwx--x--x"));
      this.app = AppImage.stage(config.appClasspath(), rt.resolve("app"));
      this.filter = rt.resolve("seccomp.bpf");
      Files.write(filter, SeccompFilter.compile());
      Files.setPosixFilePermissions(filter, PosixFilePermissions.fromString("rw-------"));
      this.jobsDir = rt.resolve("jobs");
      AppImage.deleteTree(jobsDir); // leftovers of a previous launcher
      Files.createDirectories(jobsDir);
      Files.setPosixFilePermissions(jobsDir, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + config.runtimeDir(), e);
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-timeouts");
              t.setDaemon(true);
              return t;
            });
    boolean canIsolate;
    try {
      checkIsolation();
      canIsolate = true;
    } catch (IsolationUnavailableException e) {
      if (!config.allowUnisolatedDemo()) {
        throw e;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "UNISOLATED DEMO MODE: tenant jobs run as plain processes without any sandbox ("
              + e.getMessage()
              + "). Never use this with real tenants' data.");
      canIsolate = false;
    }
    this.isolated = canIsolate;
    if (isolated && config.appCds()) {
      buildCdsArchive();
    }
  }

  /**
   * A training run: a query sandbox on a throw-away store opens it, answers nothing and exits,
   * dumping the classes it loaded into a dynamic AppCDS archive, which then lies read-only in /app
   * for every sandboxed JVM. A failed training costs only the speed-up (logged).
   */
  private void buildCdsArchive() {
    Path training = config.runtimeDir().resolve("cds-training");
    int uid = config.uids().first();
    try {
      AppImage.deleteTree(training);
      Files.createDirectories(training);
      Path kekFile = training.resolve("training.kek");
      io.orgvault.engine.crypto.FileKeyEncryptionKey.generate(kekFile);
      Path volume = training.resolve("volume");
      String tenant = "cds-training";
      JobRequest open;
      try (var kek = io.orgvault.engine.crypto.FileKeyEncryptionKey.load(kekFile)) {
        io.orgvault.engine.store.RecordStore.create(volume, tenant, kek).close();
        try (ReleasedDataKey key = ReleasedDataKey.release(volume, tenant, kek)) {
          byte[] m = key.material();
          open =
              new JobRequest(
                  JobSpec.ofStore(
                      io.orgvault.sandbox.protocol.JobKind.QUERY,
                      tenant,
                      VOLUME,
                      key.kekId(),
                      key.binding()),
                  io.orgvault.sandbox.protocol.JobSecrets.ofAccessToken(null, m));
          java.util.Arrays.fill(m, (byte) 0);
        }
      }
      SandboxResult r =
          start(
                  new TenantSandbox(tenant, uid, volume, Set.of()),
                  SandboxCommand.job()
                      .withJvmFlags("-XX:ArchiveClassesAtExit=/volume/" + CDS_ARCHIVE),
                  open.toJson(),
                  open.secrets().scrubForms(),
                  line -> {},
                  config.limits().withWallClock(java.time.Duration.ofMinutes(2)))
              .await();
      Path archive = volume.resolve(CDS_ARCHIVE);
      if (r.exitCode() != 0 || !Files.exists(archive)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "no AppCDS archive (training exit " + r.exitCode() + "): " + r.stderr().strip());
        return;
      }
      Path target = app.dir().resolve(CDS_ARCHIVE);
      Files.copy(archive, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setAttribute(target, "unix:uid", 0);
      Files.setAttribute(target, "unix:gid", 0);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "no AppCDS archive: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        AppImage.deleteTree(training);
      } catch (IOException e) {
        // removed with the next start
      }
    }
  }

  /**
   * Whether jobs run in sandboxes: always, unless the configuration allows the unisolated demo mode
   * and bubblewrap cannot run here. The portal shows it when false.
   */
  public boolean isolated() {
    return isolated;
  }

  public SandboxConfig config() {
    return config;
  }

  /**
   * Fails with {@link IsolationUnavailableException} unless bubblewrap runs here with every
   * namespace as a tenant uid would; the launcher refuses to run any job unisolated.
   */
  private void checkIsolation() {
    for (Path tool : List.of(config.bwrap(), config.setpriv(), config.prlimit(), config.shell())) {
      if (!Files.isExecutable(tool)) {
        throw new IsolationUnavailableException(
            tool
                + " is missing: install bubblewrap and util-linux (scripts/ensure-test-deps.sh);"
                + " tenant jobs never run without a sandbox");
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(config.setpriv().toString());
    cmd.addAll(dropTo(config.uids().first()));
    cmd.add(config.bwrap().toString());
    cmd.addAll(namespaces(config.uids().first()));
    cmd.addAll(List.of("--ro-bind", "/", "/", "--proc", "/proc", "--", "/bin/true"));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IsolationUnavailableException(
            "bubblewrap cannot build a sandbox on this host (user namespaces?): " + out.strip());
      }
    } catch (IOException e) {
      throw new IsolationUnavailableException("cannot run bubblewrap: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IsolationUnavailableException("interrupted while checking bubblewrap");
    }
  }

  /**
   * Runs one engine job: the request goes in on stdin with the sandbox's volume and egress socket
   * filled in, every stdout line (scrubbed) to {@code onMessage} as JSON, and the result comes back
   * when the sandbox has ended.
   */
  public JobOutcome runJob(TenantSandbox tenant, JobRequest request, Consumer<JsonNode> onMessage)
      throws InterruptedException {
    JobSpec spec =
        isolated
            ? request.spec().withVolume(VOLUME).withEgressSocket(EGRESS_SOCKET)
            : request.spec().withVolume(tenant.volume().toString()).withEgressSocket(null);
    if (!spec.tenant().equals(tenant.tenant())) {
      throw new IllegalArgumentException("the job is for another tenant than this sandbox");
    }
    Set<HostPort> egress = new HashSet<>(tenant.egressAllowlist());
    if (spec.loginUrl() != null) {
      egress.add(HostPort.of(spec.loginUrl()));
    }
    TenantSandbox withEgress =
        new TenantSandbox(tenant.tenant(), tenant.uid(), tenant.volume(), egress);
    java.util.concurrent.atomic.AtomicReference<JsonNode> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    SandboxProcess p =
        start(
            withEgress,
            SandboxCommand.job(),
            new JobRequest(spec, request.secrets()).toJson(),
            request.secrets().scrubForms(),
            line -> {
              try {
                JsonNode n = JSON.readTree(line);
                last.set(n);
                onMessage.accept(n);
              } catch (IOException e) {
                // not protocol: left in the result's stdout
              }
            });
    SandboxResult r = p.await();
    return new JobOutcome(r, last.get());
  }

  /** A job's sandbox result and its last protocol message (job-result or job-failed, if any). */
  public record JobOutcome(SandboxResult sandbox, JsonNode lastMessage) {}

  /**
   * Starts {@code command} in a new sandbox for {@code tenant}, with {@code stdin} as its whole
   * standard input (the array is zeroed once written: it may hold secrets); {@code secrets} are
   * scrubbed from everything it prints.
   */
  public SandboxProcess start(
      TenantSandbox tenant,
      SandboxCommand command,
      byte[] stdin,
      List<String> secrets,
      Consumer<String> onLine) {
    return start(tenant, command, stdin, secrets, onLine, config.limits());
  }

  /** As {@link #start(TenantSandbox, SandboxCommand, byte[], List, Consumer)} with other limits. */
  public SandboxProcess start(
      TenantSandbox tenant,
      SandboxCommand command,
      byte[] stdin,
      List<String> secrets,
      Consumer<String> onLine,
      ResourceLimits limits) {
    return start(tenant, command, stdin, secrets, onLine, limits, false);
  }

  /**
   * Starts a sandbox whose stdin stays open after {@code stdin}: the caller sends more with {@link
   * SandboxProcess#send} (a query sandbox) and ends it with {@link SandboxProcess#closeStdin}.
   */
  public SandboxProcess startInteractive(
      TenantSandbox tenant,
      SandboxCommand command,
      byte[] stdin,
      List<String> secrets,
      Consumer<String> onLine,
      ResourceLimits limits) {
    return start(tenant, command, stdin, secrets, onLine, limits, true);
  }

  private SandboxProcess start(
      TenantSandbox tenant,
      SandboxCommand command,
      byte[] stdin,
      List<String> secrets,
      Consumer<String> onLine,
      ResourceLimits limits,
      boolean interactive) {
    if (!config.uids().contains(tenant.uid())) {
      throw new IllegalArgumentException(
          "uid " + tenant.uid() + " is outside the sandbox range " + config.uids());
    }
    // Short on purpose: the egress socket lives in this directory and a Unix socket path holds
    // at most 107 bytes, so a long tenant id (a UUID) must not be part of it.
    String job = "job-" + jobCounter.incrementAndGet() + "-" + ProcessHandle.current().pid();
    if (!isolated) {
      return startUnisolated(tenant, command, stdin, secrets, onLine, limits, interactive);
    }
    Path jobDir = jobsDir.resolve(job);
    EgressProxy proxy = null;
    Optional<CgroupJail> jail = Optional.empty();
    try {
      prepareVolume(tenant);
      Files.createDirectories(jobDir);
      Files.setPosixFilePermissions(jobDir, PosixFilePermissions.fromString("rwx--x--x"));
      Path socket = jobDir.resolve("egress.sock");
      proxy =
          EgressProxy.start(socket, tenant.tenant(), tenant.egressAllowlist(), config.egressLog());
      Files.setAttribute(socket, "unix:uid", tenant.uid());
      Files.setAttribute(socket, "unix:gid", tenant.uid());
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      jail = CgroupJail.create(config.cgroupRoot(), job, limits);
      List<String> cmd = commandLine(tenant, command, socket, jail, limits);
      Process process = new ProcessBuilder(cmd).start();
      EgressProxy p = proxy;
      AutoCloseable cleanup =
          () -> {
            p.close();
            AppImage.deleteTree(jobDir);
          };
      return new SandboxProcess(
          process,
          jail,
          new SecretScrubber(secrets),
          stdin,
          onLine,
          limits.wallClock(),
          timer,
          cleanup,
          interactive);
    } catch (IOException | RuntimeException e) {
      jail.ifPresent(CgroupJail::close);
      if (proxy != null) {
        try {
          proxy.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot start the sandbox of " + tenant.tenant(), io)
          : (RuntimeException) e;
    }
  }

  /** The demo mode's job: a plain child process as the launcher's user, with the job's heap cap. */
  private SandboxProcess startUnisolated(
      TenantSandbox tenant,
      SandboxCommand command,
      byte[] stdin,
      List<String> secrets,
      Consumer<String> onLine,
      ResourceLimits limits,
      boolean interactive) {
    LOG.log(
        System.Logger.Level.WARNING,
        "UNISOLATED DEMO MODE: job of tenant " + tenant.tenant() + " runs without a sandbox");
    List<String> cmd = new ArrayList<>();
    if (command.isJava()) {
      cmd.add(realPath(config.javaHome()).resolve("bin/java").toString());
      cmd.add("-Xmx" + limits.heapBytes());
      cmd.addAll(JVM_FLAGS.stream().filter(f -> !f.startsWith("-D")).toList());
      cmd.add("-cp");
      cmd.add(app.hostClasspath());
      cmd.add(command.mainClass());
    }
    cmd.addAll(command.argv());
    try {
      Files.createDirectories(tenant.volume());
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      Process process = pb.start();
      return new SandboxProcess(
          process,
          Optional.empty(),
          new SecretScrubber(secrets),
          stdin,
          onLine,
          limits.wallClock(),
          timer,
          () -> {},
          interactive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the job of " + tenant.tenant(), e);
    }
  }

  /** Whether this launcher caps memory and processes with cgroups (else rlimits only). */
  public boolean usesCgroups() {
    Optional<CgroupJail> probe =
        CgroupJail.create(
            config.cgroupRoot(), "probe-" + ProcessHandle.current().pid(), config.limits());
    probe.ifPresent(CgroupJail::close);
    return probe.isPresent();
  }

  /**
   * The volume belongs to the tenant's uid (everything in it: the host may have created the store)
   * and to nobody else; every directory above it must let that uid pass.
   */
  private void prepareVolume(TenantSandbox tenant) throws IOException {
    Path v = tenant.volume();
    Files.createDirectories(v);
    try (Stream<Path> all = Files.walk(v)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (!Integer.valueOf(tenant.uid())
            .equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
          Files.setAttribute(p, "unix:uid", tenant.uid(), LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", tenant.uid(), LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
    Files.setPosixFilePermissions(v, PosixFilePermissions.fromString("rwx------"));
    for (Path d = v.getParent(); d != null; d = d.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException(
            "the tenant uid cannot reach its volume: " + d + " is not searchable by others");
      }
    }
  }

  private List<String> commandLine(
      TenantSandbox tenant,
      SandboxCommand command,
      Path socket,
      Optional<CgroupJail> jail,
      ResourceLimits l) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.shell().toString());
    cmd.add("-c");
    cmd.add(PRELUDE);
    cmd.add("sandbox-prelude");
    cmd.add(filter.toString());
    jail.ifPresent(j -> j.procsFiles().forEach(f -> cmd.add(f.toString())));
    cmd.add("--");

    cmd.add(config.prlimit().toString());
    // SIGXCPU at the soft limit says why; SIGKILL at the hard one if the process ignores it.
    cmd.add("--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + CPU_GRACE_SECONDS));
    cmd.add("--nofile=" + l.maxOpenFiles());
    cmd.add("--core=0");
    if (jail.isEmpty()) {
      cmd.add("--as=" + (l.memoryBytes() + ADDRESS_SPACE_SLACK_BYTES));
      cmd.add("--nproc=" + l.maxProcesses());
    }
    cmd.add("--");

    cmd.add(config.setpriv().toString());
    cmd.addAll(dropTo(tenant.uid()));

    cmd.add(config.bwrap().toString());
    cmd.addAll(namespaces(tenant.uid()));
    cmd.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL"));
    cmd.addAll(List.of("--hostname", HOSTNAME));
    cmd.addAll(List.of("--tmpfs", "/"));
    for (Path p : config.systemPaths()) {
      mountReadOnly(cmd, p);
    }
    Path javaHome = realPath(config.javaHome());
    if (!javaHome.startsWith("/usr")) {
      mountReadOnly(cmd, javaHome);
    }
    cmd.addAll(List.of("--ro-bind", app.dir().toString(), AppImage.MOUNT));
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
    cmd.addAll(List.of("--bind", tenant.volume().toString(), VOLUME));
    cmd.addAll(List.of("--dir", "/run/orgvault", "--bind", socket.toString(), EGRESS_SOCKET));
    cmd.addAll(List.of("--chdir", "/tmp"));
    cmd.addAll(List.of("--remount-ro", "/"));
    cmd.add("--clearenv");
    cmd.addAll(List.of("--setenv", "PATH", "/usr/bin:/bin"));
    cmd.addAll(List.of("--setenv", "HOME", "/tmp"));
    cmd.addAll(List.of("--setenv", "LANG", "C.UTF-8"));
    // glibc reserves 64 MiB of address space per malloc arena; a few suffice for a job.
    cmd.addAll(List.of("--setenv", "MALLOC_ARENA_MAX", "2"));
    cmd.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
    cmd.add("--");
    if (command.isJava()) {
      cmd.add(javaHome.resolve("bin/java").toString());
      cmd.add("-Xmx" + l.heapBytes());
      cmd.addAll(JVM_FLAGS);
      if (Files.exists(app.dir().resolve(CDS_ARCHIVE))) {
        cmd.add("-XX:SharedArchiveFile=" + AppImage.MOUNT + "/" + CDS_ARCHIVE);
      }
      cmd.addAll(command.jvmFlags());
      cmd.add("-cp");
      cmd.add(app.classpath());
      cmd.add(command.mainClass());
    }
    cmd.addAll(command.argv());
    return cmd;
  }

  private static List<String> dropTo(int uid) {
    return List.of(
        "--reuid=" + uid,
        "--regid=" + uid,
        "--clear-groups",
        "--no-new-privs",
        "--inh-caps=-all",
        "--");
  }

  private static List<String> namespaces(int uid) {
    return List.of(
        "--unshare-user",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup",
        "--unshare-net",
        "--disable-userns",
        "--uid",
        Integer.toString(uid),
        "--gid",
        Integer.toString(uid));
  }

  /** A host path at the same place inside, read-only; a symlink stays a symlink. */
  private static void mountReadOnly(List<String> cmd, Path p) {
    if (Files.isSymbolicLink(p)) {
      try {
        cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (Files.exists(p)) {
      cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("no JRE at " + p, e);
    }
  }

  private static void requireRootOwned(Path dir) throws IOException {
    Object uid = Files.getAttribute(dir, "unix:uid");
    if (!Integer.valueOf(0).equals(uid) && !uid.equals(currentUid())) {
      throw new IllegalStateException(dir + " must belong to the launcher's user");
    }
  }

  private static Object currentUid() throws IOException {
    return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
