package io.orgvault.sandbox.launch;

import java.time.Duration;

/**
 * What one sandbox may use. Memory, processes and CPU share go into a cgroup (v1) per job when the
 * host lets the launcher create one; CPU time, open files and core dumps are always rlimits ({@code
 * prlimit}); without cgroups memory becomes an address-space rlimit and processes an {@code
 * RLIMIT_NPROC} of the tenant's uid.
 *
 * @param memoryBytes all memory of the sandbox's processes (cgroup {@code memory.limit_in_bytes})
 * @param heapBytes the JVM's {@code -Xmx}, below {@code memoryBytes}
 * @param cpuSeconds CPU time of each process ({@code RLIMIT_CPU}); SIGKILL past it
 * @param maxProcesses processes and threads ({@code pids.max})
 * @param maxOpenFiles file descriptors per process ({@code RLIMIT_NOFILE})
 * @param cpuPercent CPU bandwidth, 100 = one core ({@code cpu.cfs_quota_us})
 * @param wallClock the whole job; past it the process tree is killed
 */
public record ResourceLimits(
    long memoryBytes,
    long heapBytes,
    long cpuSeconds,
    int maxProcesses,
    int maxOpenFiles,
    int cpuPercent,
    Duration wallClock) {
  static final long MIB = 1024L * 1024;

  /** The JVM itself needs some memory beyond its heap (metaspace, code, threads, buffers). */
  static final long MIN_NON_HEAP_BYTES = 96 * MIB;

  public ResourceLimits {
    if (heapBytes < 16 * MIB || memoryBytes < heapBytes + MIN_NON_HEAP_BYTES) {
      throw new IllegalArgumentException(
          "memory must exceed the heap by at least " + MIN_NON_HEAP_BYTES / MIB + " MiB");
    }
    if (cpuSeconds < 1 || maxProcesses < 8 || maxOpenFiles < 64 || cpuPercent < 1) {
      throw new IllegalArgumentException("CPU, process and file limits too small to run a JVM");
    }
    if (wallClock == null || wallClock.isNegative() || wallClock.isZero()) {
      throw new IllegalArgumentException("a wall-clock timeout is required");
    }
  }

  /** A backup job's defaults: 1 GiB, 512 MiB heap, 2 CPU hours, 256 tasks, one core, 6 hours. */
  public static ResourceLimits defaults() {
    return new ResourceLimits(1024 * MIB, 512 * MIB, 2 * 3600, 256, 4096, 100, Duration.ofHours(6));
  }

  public ResourceLimits withWallClock(Duration d) {
    return new ResourceLimits(
        memoryBytes, heapBytes, cpuSeconds, maxProcesses, maxOpenFiles, cpuPercent, d);
  }

  public ResourceLimits withMemory(long memory, long heap) {
    return new ResourceLimits(
        memory, heap, cpuSeconds, maxProcesses, maxOpenFiles, cpuPercent, wallClock);
  }

  public ResourceLimits withMaxProcesses(int n) {
    return new ResourceLimits(
        memoryBytes, heapBytes, cpuSeconds, n, maxOpenFiles, cpuPercent, wallClock);
  }
}
