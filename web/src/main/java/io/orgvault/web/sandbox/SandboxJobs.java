package io.orgvault.web.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.egress.HostPort;
import io.orgvault.sandbox.launch.ReleasedDataKey;
import io.orgvault.sandbox.launch.SandboxConfig;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.launch.UidRange;
import io.orgvault.sandbox.protocol.BackupSettings;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSecrets;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.sandbox.protocol.PruneSettings;
import io.orgvault.sandbox.protocol.RestoreSettings;
import io.orgvault.web.platform.PlatformKek;
import io.orgvault.web.sandbox.repository.TenantUidRepository;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs engine jobs for tenants in their sandboxes: one launcher per service instance (created on
 * first use, so an instance that never runs a job needs no bubblewrap), each tenant's volume under
 * the storage root, its data key released from the platform KEK for one job at a time.
 */
@ApplicationScoped
public class SandboxJobs {
  static final String DATA_KEY_FILE = "keys/data-key";
  static final String ORGS = "orgs";

  @Inject SandboxSettings settings;
  @Inject PlatformKek kek;
  @Inject SandboxSlots slots;
  @Inject TenantUidRepository tenantUids;
  @Inject Clock clock;

  private SandboxLauncher launcher;

  /** A Salesforce org id as Salesforce writes it (15 or 18 characters, key prefix 00D). */
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");

  private static final Pattern ORG_ID = Pattern.compile("00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?");

  /**
   * A tenant's volume (a LUKS volume in production): one store per connected org under {@code
   * orgs/}, since a store holds one org's manifest chain.
   */
  public Path volumeOf(TenantId tenant) {
    return settings.storageRoot().resolve(tenant.toString());
  }

  /**
   * The store of one org of the tenant (created empty on first use), keyed by the Salesforce org id
   * so that reconnecting the same org continues its backups.
   */
  public Path storeOf(TenantId tenant, String sfOrgId) {
    if (sfOrgId == null || !ORG_ID.matcher(sfOrgId).matches()) {
      throw new IllegalArgumentException("not a Salesforce org id");
    }
    return volumeOf(tenant).resolve(ORGS).resolve(sfOrgId);
  }

  /**
   * The tenants that have a volume under the storage root (directory names that are tenant ids;
   * anything else, such as lost+found, is passed over).
   *
   * @throws UncheckedIOException if the storage root cannot be listed
   */
  public List<TenantId> tenantsWithVolumes() {
    Path root = settings.storageRoot();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<TenantId> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        try {
          out.add(TenantId.of(d.getFileName().toString()));
        } catch (IllegalArgumentException notATenant) {
          // not a tenant's volume
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the storage root " + root, e);
    }
    return out;
  }

  /** The orgs that have a store in the tenant's volume (connected now or not), sorted. */
  public List<String> storedOrgs(TenantId tenant) {
    Path orgs = volumeOf(tenant).resolve(ORGS);
    if (!Files.isDirectory(orgs)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(orgs)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> ORG_ID.matcher(n).matches())
          .filter(n -> Files.exists(orgs.resolve(n).resolve(DATA_KEY_FILE)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the stores of tenant " + tenant, e);
    }
  }

  /** Runs a backup of an org into the tenant's store; messages arrive as the job reports them. */
  public SandboxLauncher.JobOutcome backup(
      TenantId tenant,
      String sfOrgId,
      URI instanceUrl,
      String accessToken,
      Consumer<JsonNode> onMessage) {
    slots.requireHeld();
    Path volume = ensureStore(tenant, sfOrgId);
    SandboxLauncher l = launcher();
    try (ReleasedDataKey key = ReleasedDataKey.release(volume, tenant.toString(), kek)) {
      JobSpec spec =
          new JobSpec(
              JobKind.BACKUP,
              tenant.toString(),
              SandboxLauncher.VOLUME,
              sfOrgId,
              instanceUrl,
              null,
              BackupSettings.defaults(),
              trustedCertificates(),
              key.kekId(),
              key.binding(),
              SandboxLauncher.EGRESS_SOCKET);
      byte[] material = key.material();
      JobSecrets secrets = JobSecrets.ofAccessToken(accessToken, material);
      Arrays.fill(material, (byte) 0);
      try {
        return l.runJob(
            new TenantSandbox(
                tenant.toString(), uidOf(tenant), volume, Set.of(HostPort.of(instanceUrl))),
            new JobRequest(spec, secrets),
            onMessage);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the backup sandbox ran", e);
      } finally {
        secrets.clear();
      }
    }
  }

  /**
   * Applies a retention policy to the store of one org of the tenant (then collects garbage), in
   * the tenant's sandbox.
   */
  public SandboxLauncher.JobOutcome prune(TenantId tenant, String sfOrgId, PruneSettings policy) {
    slots.requireHeld();
    Path volume = ensureStore(tenant, sfOrgId);
    SandboxLauncher l = launcher();
    try (ReleasedDataKey key = ReleasedDataKey.release(volume, tenant.toString(), kek)) {
      JobSpec spec =
          JobSpec.ofRetention(
              tenant.toString(), SandboxLauncher.VOLUME, key.kekId(), key.binding(), policy);
      byte[] material = key.material();
      JobSecrets secrets = JobSecrets.ofAccessToken(null, material);
      Arrays.fill(material, (byte) 0);
      try {
        return l.runJob(
            new TenantSandbox(tenant.toString(), uidOf(tenant), volume, Set.of()),
            new JobRequest(spec, secrets),
            m -> {});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the retention sandbox ran", e);
      } finally {
        secrets.clear();
      }
    }
  }

  /** Whether the org has a store in the tenant's volume (it has after its first backup started). */
  public boolean hasStore(TenantId tenant, String sfOrgId) {
    return Files.exists(storeOf(tenant, sfOrgId).resolve(DATA_KEY_FILE));
  }

  /**
   * The sandbox of one org's store (no egress: store jobs and queries reach nothing), under the
   * tenant's one uid.
   */
  public TenantSandbox storeSandbox(TenantId tenant, String sfOrgId) {
    return new TenantSandbox(tenant.toString(), uidOf(tenant), storeOf(tenant, sfOrgId), Set.of());
  }

  /** The opening request of a query sandbox on {@code box}'s store: its data key, for one start. */
  public JobRequest queryOpening(TenantSandbox box) {
    try (ReleasedDataKey key = ReleasedDataKey.release(box.volume(), box.tenant(), kek)) {
      byte[] material = key.material();
      try {
        return new JobRequest(
            JobSpec.ofStore(
                JobKind.QUERY, box.tenant(), SandboxLauncher.VOLUME, key.kekId(), key.binding()),
            JobSecrets.ofAccessToken(null, material));
      } finally {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  /** Writes an export of one org's store into its {@code exports/} directory, in the sandbox. */
  public SandboxLauncher.JobOutcome export(
      TenantId tenant, String sfOrgId, ExportSettings export, Consumer<JsonNode> onMessage) {
    slots.requireHeld();
    TenantSandbox box = storeSandbox(tenant, sfOrgId);
    try (ReleasedDataKey key = ReleasedDataKey.release(box.volume(), tenant.toString(), kek)) {
      JobSpec spec =
          JobSpec.ofExport(
              tenant.toString(), SandboxLauncher.VOLUME, key.kekId(), key.binding(), export);
      byte[] material = key.material();
      JobSecrets secrets = JobSecrets.ofAccessToken(null, material);
      Arrays.fill(material, (byte) 0);
      try {
        return launcher().runJob(box, new JobRequest(spec, secrets), onMessage);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the export sandbox ran", e);
      } finally {
        secrets.clear();
      }
    }
  }

  /**
   * Plans ({@code RESTORE_PLAN}) or runs ({@code RESTORE_RUN}) a restore from the store of {@code
   * sourceOrgId} into {@code targetOrgId} (the same org or another of the tenant), in the tenant's
   * sandbox with egress only to the target's instance. The store must exist: a restore reads
   * backups.
   */
  public SandboxLauncher.JobOutcome restore(
      TenantId tenant,
      String sourceOrgId,
      String targetOrgId,
      URI instanceUrl,
      String accessToken,
      JobKind kind,
      RestoreSettings restore,
      Consumer<JsonNode> onMessage) {
    slots.requireHeld();
    Path volume = storeOf(tenant, sourceOrgId);
    if (!Files.exists(volume.resolve(DATA_KEY_FILE))) {
      throw new IllegalStateException("org " + sourceOrgId + " has no store to restore from");
    }
    SandboxLauncher l = launcher();
    try (ReleasedDataKey key = ReleasedDataKey.release(volume, tenant.toString(), kek)) {
      JobSpec spec =
          new JobSpec(
              kind,
              tenant.toString(),
              SandboxLauncher.VOLUME,
              targetOrgId,
              instanceUrl,
              null,
              null,
              trustedCertificates(),
              key.kekId(),
              key.binding(),
              SandboxLauncher.EGRESS_SOCKET,
              null,
              restore);
      byte[] material = key.material();
      JobSecrets secrets = JobSecrets.ofAccessToken(accessToken, material);
      Arrays.fill(material, (byte) 0);
      try {
        return l.runJob(
            new TenantSandbox(
                tenant.toString(), uidOf(tenant), volume, Set.of(HostPort.of(instanceUrl))),
            new JobRequest(spec, secrets),
            onMessage);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the restore sandbox ran", e);
      } finally {
        secrets.clear();
      }
    }
  }

  /**
   * The tenant's sandbox uid: assigned on first use in the database, so every instance runs the
   * tenant as the same uid and never gives one uid to two tenants.
   */
  int uidOf(TenantId tenant) {
    UidRange range = new UidRange(settings.uidFirst(), settings.uidCount());
    for (int attempt = 1; ; attempt++) {
      try {
        TenantUid row =
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        tenantUids
                            .find(tenant)
                            .orElseGet(() -> tenantUids.assignNext(tenant, clock.instant())));
        if (row.uidOffset >= range.count()) {
          throw new IllegalStateException(
              "the sandbox uid range "
                  + range
                  + " is used up: widen orgvault.sandbox.uid-count (uids are never reused)");
        }
        return range.first() + row.uidOffset;
      } catch (PersistenceException | QuarkusTransactionException e) {
        // another instance assigned this tenant's uid first: read theirs
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private Path ensureStore(TenantId tenant, String sfOrgId) {
    Path volume = storeOf(tenant, sfOrgId);
    if (!Files.exists(volume.resolve(DATA_KEY_FILE))) {
      try {
        Files.createDirectories(volume.getParent());
        // the tenant uid passes through (to reach its stores) but lists nothing
        Files.setPosixFilePermissions(
            volumeOf(tenant), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(
            volume.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the stores of tenant " + tenant, e);
      }
      RecordStore.create(volume, tenant.toString(), kek).close();
    }
    return volume;
  }

  /** Each PEM certificate of the configured files (a file may be a bundle), one per entry. */
  private List<String> trustedCertificates() {
    List<String> out = new ArrayList<>();
    for (String f : settings.trustedCertificateFiles().orElse(List.of())) {
      String text;
      try {
        text = Files.readString(Path.of(f), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read trusted certificate " + f, e);
      }
      Matcher m = PEM_CERTIFICATE.matcher(text);
      int before = out.size();
      while (m.find()) {
        out.add(m.group() + "\n");
      }
      if (out.size() == before) {
        // an empty list would mean the JDK's roots: a misconfiguration must not widen trust
        throw new IllegalStateException("no PEM certificate in trusted certificate file " + f);
      }
    }
    return out;
  }

  /** The instance's one launcher, created on first use. */
  public synchronized SandboxLauncher launcher() {
    if (launcher == null) {
      UidRange range = new UidRange(settings.uidFirst(), settings.uidCount());
      try {
        Files.createDirectories(settings.runtimeDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + settings.runtimeDir(), e);
      }
      SandboxConfig config =
          SandboxConfig.defaults(
                  settings.runtimeDir().resolve("launcher"), SandboxClasspath.resolve(), range)
              .withAppCds(settings.appCds())
              .withUnisolatedDemoAllowed(settings.allowUnisolatedDemo());
      config = config.withLimits(config.limits().withWallClock(settings.backupTimeout()));
      launcher = new SandboxLauncher(config);
    }
    return launcher;
  }

  @PreDestroy
  synchronized void close() {
    if (launcher != null) {
      launcher.close();
    }
  }
}
