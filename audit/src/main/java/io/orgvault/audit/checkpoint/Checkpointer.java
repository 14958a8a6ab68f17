package io.orgvault.audit.checkpoint;

import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.verify.ChainBreak;
import io.orgvault.audit.verify.ChainBrokenException;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signs a checkpoint over a tenant's chain head, to be run periodically (web schedules it). Before
 * signing it verifies the rows added since the previous checkpoint, so tampering is never signed
 * over: a broken chain raises {@link ChainBrokenException} and nothing is signed.
 */
public final class Checkpointer {
  private final DataSource dataSource;
  private final CheckpointSigner signer;
  private final ChainVerifier verifier;
  private final Clock clock;

  public Checkpointer(
      DataSource dataSource, CheckpointSigner signer, ChainVerifier verifier, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.signer = Objects.requireNonNull(signer);
    this.verifier = Objects.requireNonNull(verifier);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * A new checkpoint at the tenant's verified head, or empty when there is nothing new since the
   * last one (or no row at all).
   */
  public Optional<Checkpoint> checkpoint(String tenantId)
      throws SQLException, GeneralSecurityException, ChainBrokenException {
    Optional<Checkpoint> last;
    try (Connection c = dataSource.getConnection()) {
      last = Checkpoints.latest(c, tenantId);
    }
    long fromSeq = 0;
    ChainHash fromHash = ChainHash.GENESIS;
    if (last.isPresent()) {
      Optional<ChainBreak> bad = verifier.signature(last.get());
      if (bad.isPresent()) {
        throw new ChainBrokenException(tenantId, bad.get());
      }
      fromSeq = last.get().seq();
      fromHash = last.get().headHash();
    }
    VerifyResult r = verifier.verifyAfter(tenantId, fromSeq, fromHash);
    if (r.firstBreak().isPresent()) {
      throw new ChainBrokenException(tenantId, r.firstBreak().get());
    }
    if (r.verifiedSeq() == fromSeq) {
      return Optional.empty();
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    byte[] payload =
        CheckpointPayload.v1(tenantId, r.verifiedSeq(), r.verifiedHash(), now, signer.keyId());
    Checkpoint cp =
        new Checkpoint(
            tenantId,
            r.verifiedSeq(),
            r.verifiedHash(),
            now,
            CheckpointPayload.V1,
            signer.keyId(),
            signer.sign(payload));
    try (Connection c = dataSource.getConnection()) {
      Checkpoints.insert(c, cp);
    }
    return Optional.of(cp);
  }
}
