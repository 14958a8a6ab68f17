package io.orgvault.sandbox.launch;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running sandbox: its stdin gets the request and is closed, stdout lines go (scrubbed) to the
 * caller as they come, stderr is kept (scrubbed, bounded), and the wall-clock timeout kills the
 * whole tree. {@link #await()} cleans up (cgroups, egress proxy, job directory) and returns the
 * {@link SandboxResult}.
 */
public final class SandboxProcess {
  /** The most of stderr kept: its tail. */
  public static final int MAX_STDERR_CHARS = 64 * 1024;

  /**
   * The most of stdout kept for the result, in characters: its last lines (all lines still go to
   * the listener as they come).
   */
  public static final int MAX_STDOUT_CHARS = 4 * 1024 * 1024;

  /** How long {@link #await()} waits for killed processes to be gone. */
  static final Duration KILLED_EXIT_WAIT = Duration.ofSeconds(10);

  private final Process process;
  private final List<ProcessHandle> killed = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Optional<CgroupJail> jail;
  private final SecretScrubber scrubber;
  private final AutoCloseable cleanup;
  private final long startNanos = System.nanoTime();
  private final Deque<String> stdout = new ArrayDeque<>();
  private long stdoutChars;
  private final StringBuilder stderr = new StringBuilder();
  private final OutputStream stdin;
  private final Thread outReader;
  private final Thread errReader;
  private final ScheduledFuture<?> timeout;
  private volatile boolean timedOut;
  private SandboxResult result;

  SandboxProcess(
      Process process,
      Optional<CgroupJail> jail,
      SecretScrubber scrubber,
      byte[] stdin,
      Consumer<String> onLine,
      Duration wallClock,
      ScheduledExecutorService timer,
      AutoCloseable cleanup,
      boolean keepStdinOpen) {
    this.process = process;
    this.jail = jail;
    this.scrubber = scrubber;
    this.cleanup = cleanup;
    this.outReader =
        daemon(
            () -> {
              try (InputStreamReader r =
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                BoundedLineReader lines = new BoundedLineReader(r);
                String line;
                while ((line = lines.readLine()) != null) {
                  String clean = scrubber.scrub(line);
                  keep(clean);
                  onLine.accept(clean);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "sandbox-stdout");
    this.errReader =
        daemon(
            () -> {
              try (InputStreamReader r =
                  new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
                BoundedLineReader lines = new BoundedLineReader(r);
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (stderr) {
                    stderr.append(scrubber.scrub(line)).append('\n');
                    if (stderr.length() > 2 * MAX_STDERR_CHARS) {
                      stderr.delete(0, stderr.length() - MAX_STDERR_CHARS);
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "sandbox-stderr");
    this.timeout = timer.schedule(this::killOnTimeout, wallClock.toMillis(), TimeUnit.MILLISECONDS);
    this.stdin = process.getOutputStream();
    try {
      this.stdin.write(stdin);
      this.stdin.flush();
      if (!keepStdinOpen) {
        this.stdin.close();
      }
    } catch (IOException e) {
      // the sandbox ended before reading its request: the result says how
    } finally {
      // The request holds the job's secrets in clear: no copy stays on the heap after handing it.
      java.util.Arrays.fill(stdin, (byte) 0);
    }
  }

  private void keep(String line) {
    synchronized (stdout) {
      stdout.addLast(line);
      stdoutChars += line.length();
      while (stdoutChars > MAX_STDOUT_CHARS && stdout.size() > 1) {
        stdoutChars -= stdout.removeFirst().length();
      }
    }
  }

  /** Writes more to the sandbox's stdin (a query sandbox's requests). */
  public synchronized void send(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  /** Ends the sandbox's stdin: a query sandbox then exits. */
  public synchronized void closeStdin() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The host process that holds the sandbox (bubblewrap); its descendants are the sandbox. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  private void killOnTimeout() {
    timedOut = true;
    killTree();
  }

  /** Kills every process of the sandbox. */
  public void kill() {
    killTree();
  }

  private void killTree() {
    // Listed before anything dies: once bubblewrap is gone its descendants are no longer linked.
    List<ProcessHandle> tree = process.descendants().toList();
    killed.addAll(tree);
    jail.ifPresent(CgroupJail::killAll);
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Waits until every killed process has been reaped, so none outlives the result. */
  private void awaitKilled() {
    long deadline = System.nanoTime() + KILLED_EXIT_WAIT.toNanos();
    for (ProcessHandle h : killed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return;
      }
    }
  }

  /** Waits for the end and returns the result; cleans up the sandbox's host resources. */
  public SandboxResult await() throws InterruptedException {
    synchronized (this) {
      if (result != null) {
        return result;
      }
    }
    process.waitFor();
    synchronized (this) {
      return finish();
    }
  }

  private SandboxResult finish() throws InterruptedException {
    if (result != null) {
      return result;
    }
    int exit = process.waitFor();
    timeout.cancel(false);
    outReader.join();
    errReader.join();
    awaitKilled();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    boolean oom = jail.map(CgroupJail::memoryCapKilled).orElse(false);
    long peak = jail.map(CgroupJail::peakMemoryBytes).orElse(-1L);
    jail.ifPresent(CgroupJail::close);
    try {
      cleanup.close();
    } catch (Exception e) {
      // the sandbox's result stands; leftovers are removed with the next launcher start
    }
    SandboxResult.Outcome outcome;
    if (timedOut) {
      outcome = SandboxResult.Outcome.TIMED_OUT;
    } else if (oom) {
      outcome = SandboxResult.Outcome.MEMORY_LIMIT;
    } else if (exit == SandboxLauncher.PRELUDE_FAILED) {
      outcome = SandboxResult.Outcome.SETUP_FAILED;
    } else {
      outcome = SandboxResult.Outcome.EXITED;
    }
    String err;
    synchronized (stderr) {
      int from = Math.max(0, stderr.length() - MAX_STDERR_CHARS);
      err = scrubber.scrub(stderr.substring(from));
    }
    List<String> out;
    synchronized (stdout) {
      out = List.copyOf(stdout);
    }
    result = new SandboxResult(outcome, exit, out, err, elapsed, peak);
    return result;
  }
}
