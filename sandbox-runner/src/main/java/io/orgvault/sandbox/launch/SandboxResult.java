package io.orgvault.sandbox.launch;

import java.time.Duration;
import java.util.List;

/**
 * How a sandbox ended. {@code stdout} and {@code stderr} are already scrubbed of the job's secrets.
 *
 * @param outcome why it ended
 * @param exitCode the sandboxed program's exit code (128 + signal when a signal ended it)
 * @param stdout its standard output, line by line (the last {@link SandboxProcess#MAX_STDOUT_CHARS}
 *     characters; lines cut at {@link BoundedLineReader#MAX_LINE_CHARS})
 * @param stderr its standard error (the last {@link SandboxProcess#MAX_STDERR_CHARS} characters)
 * @param elapsed wall-clock time from start to end
 * @param peakMemoryBytes the job's highest memory use (cgroup), -1 without cgroups
 */
public record SandboxResult(
    Outcome outcome,
    int exitCode,
    List<String> stdout,
    String stderr,
    Duration elapsed,
    long peakMemoryBytes) {

  /** Why a sandbox ended. */
  public enum Outcome {
    /** The program exited by itself; see the exit code. */
    EXITED,
    /** The wall-clock timeout killed the whole process tree. */
    TIMED_OUT,
    /** The kernel killed a process for the memory cap. */
    MEMORY_LIMIT,
    /** The launch prelude could not set up the sandbox (see stderr); nothing ran. */
    SETUP_FAILED
  }
}
