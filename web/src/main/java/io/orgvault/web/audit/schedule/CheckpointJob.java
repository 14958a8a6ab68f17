package io.orgvault.web.audit.schedule;

import io.agroal.api.AgroalDataSource;
import io.orgvault.audit.checkpoint.Checkpointer;
import io.orgvault.audit.store.AuditTenants;
import io.orgvault.audit.verify.ChainBrokenException;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.web.audit.AuditBeans.CheckpointKey;
import io.orgvault.web.audit.AuditRecorder;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Signs the head of every audit chain ({@code orgvault.audit.checkpoint.every}, 1 h by default). On
 * the clustered Quartz store a {@code @Scheduled} method fires on one instance at a time. A broken
 * chain is logged as an error and left unsigned; the others are still signed.
 */
@Startup // a configured key that cannot be read stops the start, not the first run an hour later
@ApplicationScoped
public class CheckpointJob {
  private static final Logger LOG = Logger.getLogger(CheckpointJob.class);

  @Inject AgroalDataSource dataSource;
  @Inject AuditRecorder recorder;
  @Inject CheckpointKey key;
  @Inject ChainVerifier verifier;
  @Inject Clock clock;

  /** What one pass did. */
  public record Pass(int signed, int unchanged, int broken) {}

  @Scheduled(
      identity = "audit-checkpoint",
      every = "${orgvault.audit.checkpoint.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (!recorder.enabled() || key.signer().isEmpty()) {
      return;
    }
    try {
      Pass p = checkpointAll();
      LOG.infof(
          "audit checkpoints: %d signed, %d unchanged, %d broken",
          p.signed(), p.unchanged(), p.broken());
    } catch (SQLException e) {
      LOG.errorf("audit checkpoints not taken: %s", e.toString());
    }
  }

  /** Checkpoints every chain that has rows. */
  public Pass checkpointAll() throws SQLException {
    var signer =
        key.signer()
            .orElseThrow(() -> new IllegalStateException("no orgvault.audit.checkpoint.key"));
    var checkpointer = new Checkpointer(dataSource, signer, verifier, clock);
    int signed = 0;
    int unchanged = 0;
    int broken = 0;
    for (String tenant : AuditTenants.withRows(dataSource)) {
      try {
        if (checkpointer.checkpoint(tenant).isPresent()) {
          signed++;
        } else {
          unchanged++;
        }
      } catch (ChainBrokenException e) {
        broken++;
        LOG.errorf("AUDIT CHAIN BROKEN, not checkpointed: %s", e.getMessage());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign an audit checkpoint: " + e.getMessage(), e);
      }
    }
    return new Pass(signed, unchanged, broken);
  }
}
