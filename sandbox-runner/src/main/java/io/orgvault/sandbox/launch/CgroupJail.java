package io.orgvault.sandbox.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One job's cgroups (v1): {@code memory}, {@code pids} and {@code cpu} directories named after the
 * job below {@link #PARENT} in each controller. The launch prelude writes its own pid into their
 * {@code cgroup.procs} before it becomes the sandbox, so every process of the sandbox is counted
 * and can be killed as one. Memory includes swap ({@code memory.memsw.limit_in_bytes} where swap
 * accounting exists), so the cap cannot be escaped into swap.
 */
final class CgroupJail implements AutoCloseable {
  /** The directory below each controller that holds the jobs' cgroups. */
  static final String PARENT = "orgvault-sandbox";

  /** CFS period; the quota is this times the CPU percentage / 100. */
  static final long CFS_PERIOD_MICROS = 100_000;

  /** How often {@link #killAll} re-reads the task list while processes are still exiting. */
  private static final int KILL_ROUNDS = 50;

  private final Path memory;
  private final Path pids;
  private final Path cpu;

  private CgroupJail(Path memory, Path pids, Path cpu) {
    this.memory = memory;
    this.pids = pids;
    this.cpu = cpu;
  }

  /**
   * Creates the job's cgroups with their limits, or empty when this host does not let the launcher
   * (no v1 controllers there, or not writable): the caller then falls back to rlimits.
   */
  static Optional<CgroupJail> create(Path root, String job, ResourceLimits limits) {
    if (root == null) {
      return Optional.empty();
    }
    Path memory = root.resolve("memory").resolve(PARENT).resolve(job);
    Path pids = root.resolve("pids").resolve(PARENT).resolve(job);
    Path cpu = root.resolve("cpu").resolve(PARENT).resolve(job);
    if (!Files.isWritable(root.resolve("memory"))
        || !Files.isWritable(root.resolve("pids"))
        || !Files.isWritable(root.resolve("cpu"))) {
      return Optional.empty();
    }
    CgroupJail jail = new CgroupJail(memory, pids, cpu);
    try {
      Files.createDirectories(memory);
      Files.createDirectories(pids);
      Files.createDirectories(cpu);
      write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
      Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(memsw)) {
        write(memsw, limits.memoryBytes());
      }
      write(pids.resolve("pids.max"), limits.maxProcesses());
      write(cpu.resolve("cpu.cfs_period_us"), CFS_PERIOD_MICROS);
      write(cpu.resolve("cpu.cfs_quota_us"), CFS_PERIOD_MICROS * limits.cpuPercent() / 100);
      return Optional.of(jail);
    } catch (IOException e) {
      jail.close();
      return Optional.empty();
    }
  }

  /** The files the prelude writes its pid into. */
  List<Path> procsFiles() {
    return List.of(
        memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs"), cpu.resolve("cgroup.procs"));
  }

  /** Whether the kernel's OOM killer killed a process of this job for the memory cap. */
  boolean memoryCapKilled() {
    try {
      for (String line :
          Files.readAllLines(memory.resolve("memory.oom_control"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
          return true;
        }
      }
      return false;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** Highest memory use of the job, in bytes. */
  long peakMemoryBytes() {
    try {
      return Long.parseLong(Files.readString(memory.resolve("memory.max_usage_in_bytes")).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** SIGKILL to every process in the job, until none is left. */
  void killAll() {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      List<Long> tasks = tasks();
      if (tasks.isEmpty()) {
        return;
      }
      for (long pid : tasks) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Long> tasks() {
    List<Long> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(pids.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          out.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone already
    }
    return out;
  }

  @Override
  public void close() {
    killAll();
    for (Path d : List.of(memory, pids, cpu)) {
      for (int i = 0; i < KILL_ROUNDS && Files.exists(d); i++) {
        try {
          Files.delete(d); // rmdir: the kernel refuses while a task is still in it
        } catch (IOException e) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private static void write(Path file, long value) throws IOException {
    Files.writeString(file, Long.toString(value), StandardCharsets.US_ASCII);
  }
}
