package io.orgvault.sandbox.protocol;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one sandbox job does, without its secrets (those are {@link JobSecrets}). Every field is
 * described in the module README.
 *
 * @param kind the engine job
 * @param tenant the tenant id the store belongs to
 * @param volume the store's directory as the sandbox sees it
 * @param orgId the org's 18-character Id ({@code backup} and restore jobs only)
 * @param loginUrl the login or instance URL ({@code backup} and restore jobs only)
 * @param consumerKey the connected app's consumer key (with a refresh token only)
 * @param backup the backup options ({@code backup} only)
 * @param trustedCertificates PEM certificates to trust instead of the JRE's roots (empty: the
 *     JRE's)
 * @param kekId the id of the platform key that wraps the store's data key (not secret)
 * @param dataKeyBinding hex SHA-256 of the wrapped data-key file the host unwrapped: the handed key
 *     opens only that file
 * @param egressSocket the egress proxy's Unix socket inside the sandbox; null: connect directly
 * @param export what an {@code export} job writes and where ({@code export} only)
 * @param restore what a {@code restore-plan} plans or the plan a {@code restore-run} runs (those
 *     only)
 */
public record JobSpec(
    JobKind kind,
    String tenant,
    String volume,
    String orgId,
    URI loginUrl,
    String consumerKey,
    BackupSettings backup,
    List<String> trustedCertificates,
    String kekId,
    String dataKeyBinding,
    String egressSocket,
    ExportSettings export,
    RestoreSettings restore,
    PruneSettings prune) {
  private static final Pattern ORG_ID = Pattern.compile("00D[0-9A-Za-z]{12}([0-9A-Za-z]{3})?");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public JobSpec {
    Objects.requireNonNull(kind, "kind");
    require(tenant != null && !tenant.isBlank(), "tenant is required");
    require(volume != null && volume.startsWith("/"), "volume must be an absolute path");
    require(kekId != null && !kekId.isBlank(), "kekId is required");
    require(
        dataKeyBinding != null && SHA256_HEX.matcher(dataKeyBinding).matches(),
        "dataKeyBinding must be 64 lower-case hex digits");
    require(egressSocket == null || egressSocket.startsWith("/"), "egressSocket must be absolute");
    trustedCertificates =
        trustedCertificates == null ? List.of() : List.copyOf(trustedCertificates);
    if (kind.reachesOrg()) {
      String k = kind.wireName();
      require(orgId != null && ORG_ID.matcher(orgId).matches(), k + ": orgId is not an org Id");
      require(
          loginUrl != null && "https".equals(loginUrl.getScheme()) && loginUrl.getHost() != null,
          k + ": loginUrl must be an https URL");
    }
    if (kind == JobKind.BACKUP) {
      backup = backup == null ? BackupSettings.defaults() : backup;
    }
    require(kind != JobKind.EXPORT || export != null, "export: job.export is required");
    if (kind == JobKind.RESTORE_PLAN) {
      require(
          restore != null && restore.selection() != null,
          "restore-plan: job.restore.selection is required");
    } else if (kind == JobKind.RESTORE_RUN) {
      require(
          restore != null && restore.restoreId() != null,
          "restore-run: job.restore.restoreId is required");
    } else {
      require(restore == null, "job.restore belongs to restore-plan and restore-run only");
    }
    require(prune == null || kind == JobKind.PRUNE, "job.prune belongs to prune jobs only");
  }

  /** A job without retention settings (every kind but a retention prune). */
  public JobSpec(
      JobKind kind,
      String tenant,
      String volume,
      String orgId,
      URI loginUrl,
      String consumerKey,
      BackupSettings backup,
      List<String> trustedCertificates,
      String kekId,
      String dataKeyBinding,
      String egressSocket,
      ExportSettings export,
      RestoreSettings restore) {
    this(
        kind,
        tenant,
        volume,
        orgId,
        loginUrl,
        consumerKey,
        backup,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        egressSocket,
        export,
        restore,
        null);
  }

  /** A prune that applies a retention policy (and compacts, if asked) before collecting garbage. */
  public static JobSpec ofRetention(
      String tenant, String volume, String kekId, String dataKeyBinding, PruneSettings prune) {
    return new JobSpec(
        JobKind.PRUNE,
        tenant,
        volume,
        null,
        null,
        null,
        null,
        List.of(),
        kekId,
        dataKeyBinding,
        null,
        null,
        null,
        prune);
  }

  /** A job that is not a restore. */
  public JobSpec(
      JobKind kind,
      String tenant,
      String volume,
      String orgId,
      URI loginUrl,
      String consumerKey,
      BackupSettings backup,
      List<String> trustedCertificates,
      String kekId,
      String dataKeyBinding,
      String egressSocket,
      ExportSettings export) {
    this(
        kind,
        tenant,
        volume,
        orgId,
        loginUrl,
        consumerKey,
        backup,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        egressSocket,
        export,
        null);
  }

  /**
   * A restore job ({@code restore-plan} or {@code restore-run}) against the org at {@code
   * loginUrl}.
   */
  public static JobSpec ofRestore(
      JobKind kind,
      String tenant,
      String volume,
      String orgId,
      URI loginUrl,
      List<String> trustedCertificates,
      String kekId,
      String dataKeyBinding,
      RestoreSettings restore) {
    return new JobSpec(
        kind,
        tenant,
        volume,
        orgId,
        loginUrl,
        null,
        null,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        null,
        null,
        restore);
  }

  /** A job that is not an export and not a restore. */
  public JobSpec(
      JobKind kind,
      String tenant,
      String volume,
      String orgId,
      URI loginUrl,
      String consumerKey,
      BackupSettings backup,
      List<String> trustedCertificates,
      String kekId,
      String dataKeyBinding,
      String egressSocket) {
    this(
        kind,
        tenant,
        volume,
        orgId,
        loginUrl,
        consumerKey,
        backup,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        egressSocket,
        null);
  }

  /** An export from the store into its volume's exports directory. */
  public static JobSpec ofExport(
      String tenant, String volume, String kekId, String dataKeyBinding, ExportSettings export) {
    return new JobSpec(
        JobKind.EXPORT,
        tenant,
        volume,
        null,
        null,
        null,
        null,
        List.of(),
        kekId,
        dataKeyBinding,
        null,
        export);
  }

  /** A store job (verify, prune, stats): no org, no Salesforce session. */
  public static JobSpec ofStore(
      JobKind kind, String tenant, String volume, String kekId, String dataKeyBinding) {
    return new JobSpec(
        kind, tenant, volume, null, null, null, null, List.of(), kekId, dataKeyBinding, null);
  }

  /** The same job reaching Salesforce through the egress socket at {@code socket}. */
  public JobSpec withEgressSocket(String socket) {
    return new JobSpec(
        kind,
        tenant,
        volume,
        orgId,
        loginUrl,
        consumerKey,
        backup,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        socket,
        export,
        restore,
        prune);
  }

  /** The same job on the store at {@code path}. */
  public JobSpec withVolume(String path) {
    return new JobSpec(
        kind,
        tenant,
        path,
        orgId,
        loginUrl,
        consumerKey,
        backup,
        trustedCertificates,
        kekId,
        dataKeyBinding,
        egressSocket,
        export,
        restore,
        prune);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ProtocolException(message);
    }
  }
}
