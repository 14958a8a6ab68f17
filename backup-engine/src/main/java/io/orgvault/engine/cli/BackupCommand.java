package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.backup.BackupJob;
import io.orgvault.engine.backup.BackupOptions;
import io.orgvault.engine.backup.BackupResult;
import io.orgvault.engine.backup.JsonLinesProgress;
import io.orgvault.engine.backup.ObjectOutcome;
import io.orgvault.engine.backup.SkippedObject;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceCredentials;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreOptions;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine backup}: one backup run. Progress events and then the result go to
 * standard output as JSON lines; the secrets come from standard input.
 */
@Command(
    name = "backup",
    description = "Back up an org into the store (secrets as JSON on standard input).")
final class BackupCommand implements Callable<Integer> {
  static final int STOPPED = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Option(names = "--login-url", required = true, description = "Login or instance URL (https).")
  URI loginUrl;

  @Option(names = "--consumer-key", description = "The connected app's consumer key.")
  String consumerKey;

  @Option(names = "--org-id", required = true, description = "The org's 18-character Id.")
  String orgId;

  @Option(names = "--include", split = ",", description = "Objects to back up (default: all).")
  List<String> include = List.of();

  @Option(names = "--exclude", split = ",", description = "Objects never backed up.")
  List<String> exclude = List.of();

  @Option(names = "--overlap-minutes", defaultValue = "5", description = "Incremental overlap.")
  long overlapMinutes;

  @Option(
      names = "--bulk-threshold",
      defaultValue = "10000",
      description = "Records from which an object goes through Bulk API 2.0.")
  long bulkThreshold;

  @Option(
      names = "--buffer-bytes",
      defaultValue = "67108864",
      description =
          "Rows held in memory before sorted segments are written: the whole run's budget,"
              + " shared by the objects extracted at once.")
  long bufferBytes;

  @Option(
      names = "--api-budget-percent",
      defaultValue = "10",
      description = "Share of the org's daily API allowance one run may use (0 < p <= 100).")
  double apiBudgetPercent;

  @Option(
      names = "--pending-max-age-hours",
      defaultValue = "168",
      description = "A pending backup older than this is abandoned, not continued.")
  long pendingMaxAgeHours;

  @Option(
      names = "--parallelism",
      defaultValue = "" + BackupOptions.DEFAULT_PARALLELISM,
      description = "Objects extracted at once.")
  int parallelism;

  @Option(
      names = "--body-downloads",
      defaultValue = "" + BackupOptions.DEFAULT_BODY_DOWNLOADS,
      description = "File bodies read at once.")
  int bodyDownloads;

  @Option(
      names = "--trust-store",
      description = "PKCS12 trust store of the roots to trust (default: the JDK's cacerts).")
  Path trustStore;

  @Option(
      names = "--trust-store-password",
      defaultValue = "changeit",
      description = "Integrity password of the trust store (it holds certificates only).")
  String trustStorePassword;

  private final EngineMain.Streams io;

  BackupCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    StdinSecrets secrets = StdinSecrets.read(io.in());
    if (secrets.accessToken() == null && consumerKey == null) {
      throw new IllegalArgumentException("--consumer-key is required with a refresh token");
    }
    SSLContext tls = tls();
    ClientOptions options =
        ClientOptions.builder()
            .bulkThreshold(bulkThreshold)
            .budgetFraction(apiBudgetPercent / 100)
            .build();
    SalesforceClient client =
        secrets.accessToken() != null
            ? SalesforceClient.connect(
                TokenSource.fixed(secrets.accessToken(), loginUrl), tls, options)
            : SalesforceClient.connect(
                SalesforceCredentials.ofRefreshToken(
                    loginUrl, consumerKey, secrets.consumerSecret(), secrets.refreshToken()),
                tls,
                options);
    BackupOptions backupOptions =
        new BackupOptions(
            new HashSet<>(include),
            new HashSet<>(exclude),
            Duration.ofMinutes(overlapMinutes),
            Duration.ofHours(pendingMaxAgeHours),
            parallelism,
            bodyDownloads);
    BackupResult r;
    try (RecordStore s = store.openOrCreate(StoreOptions.defaults().withBufferBytes(bufferBytes))) {
      r = new BackupJob(client, s, orgId, backupOptions, new JsonLinesProgress(io.out())).run();
    }
    io.out().println(summary(r));
    io.out().flush();
    return r.committed() ? 0 : STOPPED;
  }

  private SSLContext tls() throws Exception {
    if (trustStore == null) {
      return TrustStores.jdkDefault();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      ks.load(in, trustStorePassword.toCharArray());
    }
    return TrustStores.trusting(ks);
  }

  static String summary(BackupResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "backup-result");
    n.put("committed", r.committed());
    if (r.committed()) {
      n.put("backup", r.backupNumber().getAsLong());
    }
    n.put("rowsWritten", r.rowsWritten());
    n.put("tombstones", r.tombstones());
    n.put("apiCallsUsed", r.apiCallsUsed());
    if (r.stopReason() != null) {
      n.put("stopReason", r.stopReason());
    }
    n.put("pending", r.pending());
    if (r.pending()) {
      n.put("detail", BackupJob.PENDING_NOTE);
    }
    var objects = n.putArray("objects");
    for (ObjectOutcome o : r.objects()) {
      ObjectNode on = objects.addObject();
      on.put("object", o.object());
      on.put("full", o.full());
      on.put("method", o.method());
      on.put("rowsRead", o.rowsRead());
      on.put("rowsWritten", o.rowsWritten());
      on.put("tombstones", o.tombstones());
      on.put("blobs", o.blobs());
      on.put("blobBytes", o.blobBytes());
      if (!o.schemaChange().isEmpty()) {
        on.put("schemaChange", o.schemaChange().toString());
      }
    }
    var skipped = n.putArray("skipped");
    for (SkippedObject s : r.skipped()) {
      skipped.addObject().put("object", s.object()).put("reason", s.reason());
    }
    return n.toString();
  }
}
