package io.orgvault.audit.store;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.event.Outcome;
import io.orgvault.audit.verify.ChainBrokenException;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Prunes a tenant's rows older than its retention without breaking verification: the database
 * function {@code audit_prune} removes only rows before the newest checkpoint created before the
 * cutoff (that checkpoint and its row stay, so the verifier can start from them) and refuses a
 * cutoff newer than the floor fixed at migration; the pruning is recorded in the chain as an {@link
 * AuditAction#AUDIT_PRUNE} event in the same transaction.
 */
public final class Retention {
  /** The prune event's target type; its target id is the first seq kept. */
  public static final String TARGET_TYPE = "audit.chain";

  private final DataSource dataSource;
  private final AuditStore store;
  private final ChainVerifier verifier;

  public Retention(DataSource dataSource, AuditStore store, ChainVerifier verifier) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.store = Objects.requireNonNull(store);
    this.verifier = Objects.requireNonNull(verifier);
  }

  /**
   * Removes the tenant's rows before the newest checkpoint created before {@code before}; the
   * recorded prune event, or empty if there was nothing to remove. A broken chain is never pruned:
   * that would destroy the evidence ({@link ChainBrokenException}).
   *
   * @param actorId who asked (a user, or the retention job)
   */
  public Optional<ChainedEvent> prune(String tenantId, Instant before, String actorId)
      throws SQLException, ChainBrokenException {
    VerifyResult v = verifier.verify(tenantId);
    if (v.firstBreak().isPresent()) {
      throw new ChainBrokenException(tenantId, v.firstBreak().get());
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long removed;
        try (PreparedStatement q = c.prepareStatement("select audit_prune(?, ?)")) {
          q.setString(1, tenantId);
          q.setObject(2, Timestamps.toOffset(before));
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            removed = rs.getLong(1);
          }
        }
        if (removed == 0) {
          c.rollback();
          return Optional.empty();
        }
        long firstKept;
        try (PreparedStatement q =
            c.prepareStatement("select min(seq) from audit_event where tenant_id = ?")) {
          q.setString(1, tenantId);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            firstKept = rs.getLong(1);
          }
        }
        ChainedEvent e =
            store.append(
                c,
                AuditEvent.builder(tenantId, AuditAction.AUDIT_PRUNE, Outcome.SUCCESS)
                    .actor(actorId, null, null)
                    .target(TARGET_TYPE, Long.toString(firstKept))
                    .reason(
                        removed
                            + " rows before seq "
                            + firstKept
                            + " pruned (older than "
                            + before
                            + ")")
                    .build());
        c.commit();
        return Optional.of(e);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
