package io.orgvault.web.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where tenant volumes live and how their sandboxes are launched ({@code orgvault.sandbox.*}). */
@ConfigMapping(prefix = "orgvault.sandbox")
public interface SandboxSettings {
  /** Tenant volumes: one directory per tenant id (a mounted LUKS volume in production). */
  Path storageRoot();

  /** The launcher's own directory: staged application, uid map, sockets. */
  Path runtimeDir();

  /** First host uid of the tenant range, and how many. */
  @WithDefault("61000")
  int uidFirst();

  @WithDefault("10000")
  int uidCount();

  /** PEM certificates a job trusts for Salesforce instead of the JRE's roots (tests only). */
  Optional<List<String>> trustedCertificateFiles();

  /** Class-data sharing for the sandbox JVMs: seconds off each start, one training run. */
  @WithDefault("true")
  boolean appCds();

  /**
   * Demo only: where bubblewrap cannot build a sandbox (no user namespaces, not root), run jobs as
   * plain processes instead of refusing them; the launcher warns at start and on every job.
   */
  @WithDefault("false")
  boolean allowUnisolatedDemo();

  /** Wall-clock limit of one backup job. */
  @WithDefault("PT6H")
  java.time.Duration backupTimeout();

  /** A query sandbox without a request this long is stopped (the next request starts one). */
  @WithDefault("PT5M")
  java.time.Duration queryIdleTimeout();

  /** How long one query may take before the API answers 503. */
  @WithDefault("PT60S")
  java.time.Duration queryTimeout();

  /** Wall-clock limit of one query sandbox, busy or not (then the next request starts one). */
  @WithDefault("PT12H")
  java.time.Duration queryMaxLifetime();

  /** Sandbox jobs at once across every instance on the database ({@link SandboxSlots}). */
  @WithDefault("8")
  int maxConcurrent();

  /** How long a job waits for a free slot before its run fails (and is retried). */
  @WithDefault("PT2H")
  java.time.Duration slotWait();

  /** Names the slots: platforms (or test runs) sharing a database server must not share them. */
  @WithDefault("orgvault")
  String slotNamespace();
}
