package io.orgvault.web.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code orgvault.audit.*}: see web/README.md, section Audit. */
@ConfigMapping(prefix = "orgvault.audit")
public interface AuditSettings {
  /**
   * Whether requests are recorded. The audit schema needs PostgreSQL (roles, triggers, PL/pgSQL);
   * only the H2 demo turns this off, and says so at start and on the audit endpoints (503).
   */
  @WithDefault("true")
  boolean enabled();

  /** Flyway placeholder: the role that may only INSERT and SELECT audit rows. */
  @WithDefault("orgvault_audit_writer")
  String writerRole();

  /** Flyway placeholder: no retention prune ever reaches rows younger than this. */
  @WithDefault("365")
  int minRetentionDays();

  /**
   * Addresses (IP literals or CIDR blocks) of reverse proxies whose {@code X-Forwarded-For} is
   * believed; from anyone else the header is ignored.
   */
  Optional<List<String>> trustedProxies();

  Checkpoint checkpoint();

  Syslog syslog();

  interface Checkpoint {
    /** Ed25519 private key (PKCS#8 PEM/DER, mode 600), outside the database; none: no signing. */
    Optional<Path> key();

    /** Its public key (SubjectPublicKeyInfo PEM/DER). */
    Optional<Path> publicKey();

    /** Retired public keys, so old checkpoints keep verifying after a rotation. */
    Optional<List<Path>> retiredKeys();

    /** Generate the key pair when both files are missing (tests and the demo only). */
    @WithDefault("false")
    boolean generate();

    /** How often every chain's head is signed (Quartz, once across the cluster). */
    @WithDefault("1h")
    Duration every();
  }

  interface Syslog {
    /** The central syslog server (RFC 5425, TLS); none: no shipping. */
    Optional<String> host();

    @WithDefault("6514")
    int port();

    /** The CA (PEM) the server's certificate must chain to. */
    Optional<Path> caPem();

    /** The on-disk queue that rides out an unreachable server. */
    @WithDefault("/var/lib/orgvault/audit-syslog-queue")
    Path queueDir();

    @WithDefault("1073741824")
    long queueMaxBytes();

    @WithDefault("8388608")
    long segmentBytes();

    /** HOSTNAME in each message; none: the machine's name. */
    Optional<String> hostname();
  }
}
