package io.orgvault.audit.verify;

import io.orgvault.audit.checkpoint.Checkpoint;
import io.orgvault.audit.checkpoint.CheckpointKeys;
import io.orgvault.audit.checkpoint.CheckpointPayload;
import io.orgvault.audit.checkpoint.Checkpoints;
import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.store.Retention;
import io.orgvault.audit.store.StoredRow;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Re-walks a tenant's chain in sequence order, with its checkpoints, and names the first broken
 * link. Rows and checkpoints are read in one repeatable-read snapshot through cursors, so a chain
 * of any length is walked in constant memory and appends during the walk do not confuse it.
 *
 * <p>Each row is checked in this order: its sequence number follows its predecessor's (else {@link
 * BreakKind#SEQUENCE_GAP}), its format is known, its recorded predecessor hash is its predecessor's
 * hash ({@link BreakKind#BROKEN_LINK}), its values hash to its hash ({@link
 * BreakKind#HASH_MISMATCH}); then a checkpoint at that sequence number must be validly signed and
 * name that hash. Checkpoints beyond the last row mean the tail was deleted ({@link
 * BreakKind#TRUNCATED}). Without a checkpoint, a deleted tail or a wholly rewritten chain cannot be
 * told from a genuine one: checkpoint often.
 */
public final class ChainVerifier {
  private static final int FETCH = 1000;

  private final DataSource dataSource;
  private final CheckpointKeys keys;

  public ChainVerifier(DataSource dataSource, CheckpointKeys keys) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.keys = Objects.requireNonNull(keys);
  }

  /** The whole chain of a tenant, from its first row. */
  public VerifyResult verify(String tenantId) throws SQLException {
    return verifyAfter(tenantId, 0, ChainHash.GENESIS);
  }

  /**
   * The chain after a trusted anchor (a checkpoint already verified): rows from {@code seq + 1},
   * the first of which must link to {@code hash}, and checkpoints after {@code seq}.
   */
  public VerifyResult verifyAfter(String tenantId, long seq, ChainHash hash) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      int iso = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return walk(c, tenantId, seq, hash);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(iso);
        c.setAutoCommit(auto);
      }
    }
  }

  private VerifyResult walk(Connection c, String tenant, long anchorSeq, ChainHash anchorHash)
      throws SQLException {
    try (PreparedStatement rowsQ =
            c.prepareStatement(
                "select "
                    + StoredRow.COLUMNS
                    + " from audit_event where tenant_id = ? and seq > ? order by seq");
        PreparedStatement cpsQ =
            c.prepareStatement(
                "select "
                    + Checkpoints.COLUMNS
                    + " from audit_checkpoint where tenant_id = ? and seq > ? order by seq")) {
      rowsQ.setFetchSize(FETCH);
      rowsQ.setString(1, tenant);
      rowsQ.setLong(2, anchorSeq);
      cpsQ.setFetchSize(FETCH);
      cpsQ.setString(1, tenant);
      cpsQ.setLong(2, anchorSeq);
      // A chain whose first rows were pruned starts later (see prunedHead).
      long first = anchorSeq == 0 ? firstSeq(c, tenant) : 1;
      boolean pruneRecorded = first > 1 && pruneRecorded(c, tenant, first);
      try (ResultSet rows = rowsQ.executeQuery();
          ResultSet cps = cpsQ.executeQuery()) {
        Walk w = new Walk(tenant, anchorSeq, anchorHash);
        Checkpoint cp = cps.next() ? Checkpoints.read(cps) : null;
        boolean atStart = true;
        while (rows.next()) {
          StoredRow r = StoredRow.read(rows);
          if (atStart && anchorSeq == 0 && r.seq() > 1) {
            while (cp != null && cp.seq() < r.seq()) {
              cp = cps.next() ? Checkpoints.read(cps) : null;
            }
            Optional<ChainBreak> head = w.prunedHead(r, cp, pruneRecorded);
            if (head.isPresent()) {
              return w.result(head);
            }
          }
          atStart = false;
          Optional<ChainBreak> b = w.row(r);
          while (b.isEmpty() && cp != null && cp.seq() <= r.seq()) {
            b = w.checkpoint(cp, r);
            cp = cps.next() ? Checkpoints.read(cps) : null;
          }
          if (b.isPresent()) {
            return w.result(b);
          }
        }
        if (cp != null) {
          Optional<ChainBreak> b = signature(cp);
          return w.result(
              b.isPresent()
                  ? b
                  : Optional.of(
                      new ChainBreak(
                          BreakKind.TRUNCATED,
                          w.seq + 1,
                          "the checkpoint signed at "
                              + cp.createdAt()
                              + " covers rows up to seq "
                              + cp.seq()
                              + " but the chain ends at seq "
                              + w.seq
                              + ": rows "
                              + (w.seq + 1)
                              + ".."
                              + cp.seq()
                              + " were deleted")));
        }
        return w.result(Optional.empty());
      }
    }
  }

  private static long firstSeq(Connection c, String tenant) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("select min(seq) from audit_event where tenant_id = ?")) {
      q.setString(1, tenant);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        long s = rs.getLong(1);
        return rs.wasNull() ? 1 : s;
      }
    }
  }

  private static boolean pruneRecorded(Connection c, String tenant, long firstKept)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "select 1 from audit_event where tenant_id = ? and action = ? and target_type = ?"
                + " and target_id = ? limit 1")) {
      q.setString(1, tenant);
      q.setString(2, AuditAction.AUDIT_PRUNE.code());
      q.setString(3, Retention.TARGET_TYPE);
      q.setString(4, Long.toString(firstKept));
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether a checkpoint's signature verifies with a known key; the break if not. */
  public Optional<ChainBreak> signature(Checkpoint cp) {
    Optional<PublicKey> key = keys.publicKey(cp.keyId());
    if (key.isEmpty()) {
      return Optional.of(
          new ChainBreak(
              BreakKind.CHECKPOINT_UNKNOWN_KEY,
              cp.seq(),
              "the checkpoint is signed by key " + cp.keyId() + ", not a verification key"));
    }
    if (cp.format() != CheckpointPayload.V1
        || !Ed25519KeyFile.verify(key.get(), cp.payload(), cp.signature())) {
      return Optional.of(
          new ChainBreak(
              BreakKind.CHECKPOINT_SIGNATURE_INVALID,
              cp.seq(),
              "the checkpoint's signature by " + cp.keyId() + " does not verify"));
    }
    return Optional.empty();
  }

  /** The walk's state: the last row that checked out. */
  private final class Walk {
    final String tenant;
    long seq;
    ChainHash hash;
    long rows;
    long checkpoints;
    long firstSeq = 1;

    Walk(String tenant, long seq, ChainHash hash) {
      this.tenant = tenant;
      this.seq = seq;
      this.hash = hash;
    }

    /**
     * A chain starting at seq s > 1 is accepted as pruned only if a checkpoint at s vouches for its
     * first row (checked as any checkpoint, right after the row) and an audit.prune event records
     * the pruning; the walk then starts from the row's own predecessor link.
     */
    Optional<ChainBreak> prunedHead(StoredRow r, Checkpoint cp, boolean pruneRecorded) {
      if (cp == null || cp.seq() != r.seq() || !pruneRecorded) {
        return Optional.of(
            new ChainBreak(
                BreakKind.SEQUENCE_GAP,
                1,
                "rows 1.."
                    + (r.seq() - 1)
                    + " are missing"
                    + (cp == null || cp.seq() != r.seq()
                        ? " and no checkpoint at seq " + r.seq() + " vouches for a pruning"
                        : " and no audit.prune event records their pruning")));
      }
      ChainHash prev = hashOrNull(r.prevHash());
      if (prev == null) {
        return Optional.of(
            new ChainBreak(
                BreakKind.BROKEN_LINK, r.seq(), "the row has no valid predecessor hash"));
      }
      seq = r.seq() - 1;
      hash = prev;
      firstSeq = r.seq();
      return Optional.empty();
    }

    Optional<ChainBreak> row(StoredRow r) {
      long expected = seq + 1;
      if (r.seq() != expected) {
        return Optional.of(
            new ChainBreak(
                BreakKind.SEQUENCE_GAP,
                expected,
                "rows "
                    + expected
                    + ".."
                    + (r.seq() - 1)
                    + " are missing: the row after seq "
                    + seq
                    + " is seq "
                    + r.seq()));
      }
      if (r.format() != CanonicalForm.V1) {
        return Optional.of(
            new ChainBreak(
                BreakKind.UNKNOWN_FORMAT,
                r.seq(),
                "canonical form version " + r.format() + " is unknown to this verifier"));
      }
      ChainHash prev = hashOrNull(r.prevHash());
      if (!hash.equals(prev)) {
        return Optional.of(
            new ChainBreak(
                BreakKind.BROKEN_LINK,
                r.seq(),
                "the row records predecessor hash "
                    + hex(r.prevHash())
                    + " but its predecessor (seq "
                    + seq
                    + ") hashes to "
                    + hash.hex()));
      }
      ChainHash computed = ChainHash.sha256(r.canonicalV1(prev));
      if (!computed.equals(hashOrNull(r.hash()))) {
        return Optional.of(
            new ChainBreak(
                BreakKind.HASH_MISMATCH,
                r.seq(),
                "the row's values hash to "
                    + computed.hex()
                    + " but its stored hash is "
                    + hex(r.hash())
                    + ": the row was changed"));
      }
      seq = r.seq();
      hash = computed;
      rows++;
      return Optional.empty();
    }

    /** A checkpoint at or before the row just accepted. */
    Optional<ChainBreak> checkpoint(Checkpoint cp, StoredRow r) {
      Optional<ChainBreak> b = signature(cp);
      if (b.isPresent()) {
        return b;
      }
      if (cp.seq() != r.seq() || !cp.headHash().equals(hash)) {
        return Optional.of(
            new ChainBreak(
                BreakKind.CHECKPOINT_MISMATCH,
                cp.seq(),
                "the checkpoint signed at "
                    + cp.createdAt()
                    + " says the chain's hash at seq "
                    + cp.seq()
                    + " is "
                    + cp.headHash().hex()
                    + " but the chain there hashes to "
                    + hash.hex()
                    + ": rows up to seq "
                    + cp.seq()
                    + " were rewritten"));
      }
      checkpoints++;
      return Optional.empty();
    }

    VerifyResult result(Optional<ChainBreak> b) {
      return new VerifyResult(tenant, firstSeq, rows, checkpoints, seq, hash, b);
    }
  }

  private static ChainHash hashOrNull(byte[] b) {
    return b != null && b.length == ChainHash.LENGTH ? ChainHash.of(b) : null;
  }

  private static String hex(byte[] b) {
    return b == null ? "(none)" : java.util.HexFormat.of().formatHex(b);
  }
}
