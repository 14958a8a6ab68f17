package io.orgvault.sandbox;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.launch.ReleasedDataKey;
import io.orgvault.sandbox.protocol.BackupSettings;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSecrets;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.sandbox.protocol.RestoreSettings;
import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;

/** A simulated org and one tenant's store on a volume, with job requests for it. */
public final class TenantFixture implements AutoCloseable {
  public final String tenant;
  public final Simulator sim;
  public final Path volume;
  public final Path kekFile;

  public TenantFixture(String tenant, Simulator sim, Path dir) throws IOException {
    this.tenant = tenant;
    this.sim = sim;
    this.volume = dir.resolve("volumes").resolve(tenant);
    this.kekFile = dir.resolve("platform.kek");
    if (!Files.exists(kekFile)) {
      FileKeyEncryptionKey.generate(kekFile);
    }
    RecordStore.create(volume, tenant, kek()).close();
  }

  public FileKeyEncryptionKey kek() {
    try {
      return FileKeyEncryptionKey.load(kekFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ReleasedDataKey releaseKey() {
    try (FileKeyEncryptionKey k = kek()) {
      return ReleasedDataKey.release(volume, tenant, k);
    }
  }

  /** The simulator's certificate in PEM, the only root a job against it trusts. */
  public String simulatorCertificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'})
              .encodeToString(sim.certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A backup of the simulated org into this tenant's store, the store seen at {@code volume}. */
  public JobRequest backupRequest(String volumePath, String accessToken) {
    try (ReleasedDataKey key = releaseKey()) {
      JobSpec spec =
          new JobSpec(
              JobKind.BACKUP,
              tenant,
              volumePath,
              sim.org().orgId(),
              sim.baseUrl(),
              null,
              new BackupSettings(
                  java.util.Set.of(), java.util.Set.of(), 5, 10_000, 8L * 1024 * 1024),
              List.of(simulatorCertificatePem()),
              key.kekId(),
              key.binding(),
              null);
      byte[] m = key.material();
      try {
        return new JobRequest(spec, JobSecrets.ofAccessToken(accessToken, m));
      } finally {
        java.util.Arrays.fill(m, (byte) 0);
      }
    }
  }

  public JobRequest backupRequest(String volumePath) {
    return backupRequest(volumePath, sim.issueToken(sim.org().integrationUserId()));
  }

  /** A restore job ({@code restore-plan} or {@code restore-run}) against the simulated org. */
  public JobRequest restoreRequest(JobKind kind, RestoreSettings restore) {
    try (ReleasedDataKey key = releaseKey()) {
      JobSpec spec =
          JobSpec.ofRestore(
              kind,
              tenant,
              "/unused",
              sim.org().orgId(),
              sim.baseUrl(),
              List.of(simulatorCertificatePem()),
              key.kekId(),
              key.binding(),
              restore);
      byte[] m = key.material();
      try {
        return new JobRequest(
            spec, JobSecrets.ofAccessToken(sim.issueToken(sim.org().integrationUserId()), m));
      } finally {
        java.util.Arrays.fill(m, (byte) 0);
      }
    }
  }

  public JobRequest storeRequest(JobKind kind, String volumePath) {
    try (ReleasedDataKey key = releaseKey()) {
      byte[] m = key.material();
      try {
        return new JobRequest(
            JobSpec.ofStore(kind, tenant, volumePath, key.kekId(), key.binding()),
            JobSecrets.ofAccessToken(null, m));
      } finally {
        java.util.Arrays.fill(m, (byte) 0);
      }
    }
  }

  /** An export from this tenant's store into its volume's exports directory. */
  public JobRequest exportRequest(ExportSettings export) {
    try (ReleasedDataKey key = releaseKey()) {
      byte[] m = key.material();
      try {
        return new JobRequest(
            JobSpec.ofExport(tenant, "/unused", key.kekId(), key.binding(), export),
            JobSecrets.ofAccessToken(null, m));
      } finally {
        java.util.Arrays.fill(m, (byte) 0);
      }
    }
  }

  public RecordStore openStore() {
    try (FileKeyEncryptionKey k = kek()) {
      return RecordStore.open(volume, tenant, k);
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
