package io.orgvault.web.audit;

import io.agroal.api.AgroalDataSource;
import io.orgvault.audit.AuditLog;
import io.orgvault.audit.AuditSink;
import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.query.AuditReader;
import io.orgvault.audit.store.AuditStore;
import io.orgvault.audit.syslog.DiskQueue;
import io.orgvault.audit.syslog.FsyncPolicy;
import io.orgvault.audit.syslog.SyslogFormat;
import io.orgvault.audit.syslog.SyslogShipper;
import io.orgvault.audit.syslog.SyslogTarget;
import io.orgvault.audit.verify.ChainVerifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The audit module's objects as CDI beans: the log (with the syslog shipper as its sink when {@code
 * orgvault.audit.syslog.host} is set), the reader, the verifier and the checkpoint key.
 */
@ApplicationScoped
public class AuditBeans {
  private static final Logger LOG = Logger.getLogger(AuditBeans.class);

  @Inject AgroalDataSource dataSource;
  @Inject AuditSettings settings;
  @Inject AuditSchema schema; // the tables exist before the first append

  private SyslogShipper shipper;

  @Produces
  @Singleton
  AuditLog auditLog() {
    List<AuditSink> sinks = new ArrayList<>();
    syslogShipper().ifPresent(sinks::add);
    return new AuditLog(new AuditStore(dataSource), sinks);
  }

  @Produces
  @Singleton
  AuditReader auditReader() {
    return new AuditReader(dataSource);
  }

  @Produces
  @Singleton
  ChainVerifier chainVerifier() {
    return new ChainVerifier(dataSource, keyRing());
  }

  @Produces
  @Singleton
  CheckpointKey checkpointKey() {
    var cp = settings.checkpoint();
    if (!settings.enabled()) {
      return new CheckpointKey(Optional.empty());
    }
    if (cp.key().isEmpty()) {
      LOG.warn("no orgvault.audit.checkpoint.key: audit chains are not checkpointed");
      return new CheckpointKey(Optional.empty());
    }
    Path priv = cp.key().get();
    Path pub = cp.publicKey().orElseThrow(() -> missing("public-key"));
    try {
      if (cp.generate() && !Files.exists(priv) && !Files.exists(pub)) {
        Files.createDirectories(priv.toAbsolutePath().getParent());
        Files.createDirectories(pub.toAbsolutePath().getParent());
        Ed25519KeyFile.generate(priv, pub);
        LOG.warnf(
            "generated the audit checkpoint key %s (orgvault.audit.checkpoint.generate)", pub);
      }
      return new CheckpointKey(Optional.of(Ed25519KeyFile.load(priv, pub)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit checkpoint key " + priv, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bad audit checkpoint key " + priv + ": " + e.getMessage());
    }
  }

  private KeyRing keyRing() {
    var cp = settings.checkpoint();
    List<Path> files = new ArrayList<>();
    if (!settings.enabled()) {
      return new KeyRing(List.of());
    }
    if (cp.key().isPresent()) {
      checkpointKey(); // generates the pair first where that is configured
      files.add(cp.publicKey().orElseThrow(() -> missing("public-key")));
    }
    cp.retiredKeys().ifPresent(files::addAll);
    try {
      return KeyRing.fromFiles(files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an audit checkpoint public key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bad audit checkpoint public key: " + e.getMessage());
    }
  }

  private synchronized Optional<SyslogShipper> syslogShipper() {
    var s = settings.syslog();
    if (s.host().isEmpty() || !settings.enabled()) {
      return Optional.empty();
    }
    Path ca =
        s.caPem()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "orgvault.audit.syslog.host is set: orgvault.audit.syslog.ca-pem must name its CA"));
    try {
      var target = SyslogTarget.trusting(s.host().get(), s.port(), ca);
      var queue =
          DiskQueue.open(
              s.queueDir(), s.queueMaxBytes(), s.segmentBytes(), FsyncPolicy.EVERY_RECORD);
      String hostname = s.hostname().orElse(InetAddress.getLocalHost().getHostName());
      shipper = SyslogShipper.start(SyslogFormat.defaults(hostname), queue, target);
      LOG.infof("audit events ship to syslog %s", target);
      return Optional.of(shipper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the audit syslog shipper", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bad audit syslog CA " + ca + ": " + e.getMessage());
    }
  }

  /** The shipper when syslog is configured (for the health of the queue and tests). */
  Optional<SyslogShipper> shipper() {
    return Optional.ofNullable(shipper);
  }

  private static IllegalStateException missing(String key) {
    return new IllegalStateException(
        "orgvault.audit.checkpoint.key is set: orgvault.audit.checkpoint."
            + key
            + " is needed too");
  }

  @PreDestroy
  void close() throws IOException {
    if (shipper != null) {
      shipper.close();
    }
  }

  /** The signing key of checkpoints, when one is configured. */
  public record CheckpointKey(Optional<Ed25519KeyFile> signer) {}
}
