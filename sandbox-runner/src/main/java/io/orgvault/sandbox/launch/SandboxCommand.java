package io.orgvault.sandbox.launch;

import java.util.List;

/**
 * What runs inside a sandbox: either the application's JVM with a main class (the staged
 * application jars on its class path, the configured memory flags), or a program of the read-only
 * runtime with its arguments.
 */
public record SandboxCommand(String mainClass, List<String> argv, List<String> jvmFlags) {
  public SandboxCommand {
    argv = List.copyOf(argv);
    jvmFlags = List.copyOf(jvmFlags);
  }

  public SandboxCommand(String mainClass, List<String> argv) {
    this(mainClass, argv, List.of());
  }

  /** The same command with more JVM flags (after the launcher's own). */
  public SandboxCommand withJvmFlags(String... flags) {
    return new SandboxCommand(mainClass, argv, List.of(flags));
  }

  /** {@code java ... mainClass args}. */
  public static SandboxCommand java(String mainClass, String... args) {
    return new SandboxCommand(mainClass, List.of(args));
  }

  /** The job program, {@code io.orgvault.sandbox.job.SandboxMain}. */
  public static SandboxCommand job() {
    return java("io.orgvault.sandbox.job.SandboxMain");
  }

  /** A program of the runtime ({@code /usr/bin/...}) with its arguments. */
  public static SandboxCommand program(String... argv) {
    return new SandboxCommand(null, List.of(argv));
  }

  public boolean isJava() {
    return mainClass != null;
  }
}
