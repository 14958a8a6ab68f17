package io.orgvault.sandbox.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.orgvault.engine.store.Damage;
import io.orgvault.engine.store.GcReport;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.PruneReport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreOptions;
import io.orgvault.engine.store.VerifyReport;
import io.orgvault.sandbox.protocol.BackupSettings;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobOutput;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSecrets;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.sandbox.protocol.ProtocolException;
import io.orgvault.sandbox.query.QueryServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashSet;
import javax.net.ssl.SSLContext;

/** Runs the one engine job of a request against the tenant's store. */
final class JobRunner {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final JobSpec spec;
  private final JobSecrets secrets;
  private final InetSocketAddress proxy;
  private final JobOutput output;
  private final java.io.InputStream queries;

  JobRunner(
      JobRequest request, InetSocketAddress proxy, JobOutput output, java.io.InputStream queries) {
    this.spec = request.spec();
    this.secrets = request.secrets();
    this.proxy = proxy;
    this.output = output;
    this.queries = queries;
  }

  int run() throws Exception {
    StoreOptions storeOptions = StoreOptions.defaults();
    if (spec.backup() != null) {
      storeOptions = storeOptions.withBufferBytes(spec.backup().bufferBytes());
    }
    byte[] key = secrets.dataKey();
    RecordStore store;
    try (HandedDataKey kek = new HandedDataKey(spec.kekId(), spec.dataKeyBinding(), key)) {
      store = RecordStore.open(Path.of(spec.volume()), spec.tenant(), kek, storeOptions);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
    try (store) {
      return switch (spec.kind()) {
        case BACKUP -> backup(store);
        case VERIFY -> verify(store);
        case PRUNE -> prune(store);
        case STATS -> stats(store);
        case EXPORT -> new ExportJob(store, Path.of(spec.volume()), spec.export(), output).run();
        case QUERY -> new QueryServer(store, queries, output).serve();
        case RESTORE_PLAN -> restoreJob(store).plan();
        case RESTORE_RUN -> restoreJob(store).run();
      };
    }
  }

  private RestoreJob restoreJob(RecordStore store) throws Exception {
    // The plan's own threshold decides composite or Bulk writes; the client's is for reads.
    return new RestoreJob(
        store,
        client(ClientOptions.builder()),
        spec.orgId(),
        Path.of(spec.volume()),
        spec.restore(),
        output);
  }

  private int backup(RecordStore store) throws Exception {
    BackupSettings b = spec.backup();
    SalesforceClient client = client(ClientOptions.builder().bulkThreshold(b.bulkThreshold()));
    BackupOptions backupOptions =
        new BackupOptions(
            new HashSet<>(b.include()),
            new HashSet<>(b.exclude()),
            Duration.ofMinutes(b.overlapMinutes()));
    BackupResult r =
        new BackupJob(
                client, store, spec.orgId(), backupOptions, new JsonLinesProgress(output.stream()))
            .run();
    int exit = r.committed() ? ExitCodes.OK : ExitCodes.STOPPED;
    output.result(spec.kind(), backupResult(r), exit);
    return exit;
  }

  /** A session with the spec's org, through the egress proxy when there is one. */
  private SalesforceClient client(ClientOptions.Builder options) throws Exception {
    if (proxy != null) {
      options.proxy(proxy);
    }
    SSLContext tls = tls();
    return secrets.accessToken() != null
        ? SalesforceClient.connect(
            TokenSource.fixed(secrets.accessToken(), spec.loginUrl()), tls, options.build())
        : SalesforceClient.connect(
            SalesforceCredentials.ofRefreshToken(
                spec.loginUrl(),
                spec.consumerKey(),
                secrets.consumerSecret(),
                secrets.refreshToken()),
            tls,
            options.build());
  }

  private ObjectNode backupResult(BackupResult r) {
    ObjectNode n = emptyResult();
    n.put("committed", r.committed());
    if (r.committed()) {
      n.put("backup", r.backupNumber().getAsLong());
    }
    n.put("rowsWritten", r.rowsWritten());
    n.put("tombstones", r.tombstones());
    n.put("apiCallsUsed", r.apiCallsUsed());
    if (r.stopReason() != null) {
      n.put("stopReason", output.scrub(r.stopReason()));
    }
    var objects = n.putArray("objects");
    for (ObjectOutcome o : r.objects()) {
      objects
          .addObject()
          .put("object", o.object())
          .put("full", o.full())
          .put("method", o.method())
          .put("rowsRead", o.rowsRead())
          .put("rowsWritten", o.rowsWritten())
          .put("tombstones", o.tombstones())
          .put("blobs", o.blobs())
          .put("blobBytes", o.blobBytes());
    }
    var skipped = n.putArray("skipped");
    for (SkippedObject s : r.skipped()) {
      skipped.addObject().put("object", s.object()).put("reason", output.scrub(s.reason()));
    }
    return n;
  }

  private int verify(RecordStore store) {
    VerifyReport r = store.verify();
    ObjectNode n = emptyResult();
    n.put("ok", r.ok())
        .put("manifests", r.manifests())
        .put("segments", r.segments())
        .put("blocks", r.blocks())
        .put("chunks", r.chunks());
    var damages = n.putArray("damages");
    for (Damage d : r.damages()) {
      damages
          .addObject()
          .put("file", String.valueOf(d.file()))
          .put("kind", d.kind().name())
          .put("detail", d.detail());
    }
    int exit = r.ok() ? ExitCodes.OK : ExitCodes.DAMAGED;
    output.result(spec.kind(), n, exit);
    return exit;
  }

  private int prune(RecordStore store) {
    if (spec.prune() == null) {
      GcReport r = store.collectGarbage();
      output.result(
          spec.kind(),
          emptyResult()
              .put("tempFiles", r.tempFiles())
              .put("segments", r.segments())
              .put("chunks", r.chunks()),
          ExitCodes.OK);
      return ExitCodes.OK;
    }
    PruneReport r = store.prune(spec.prune().options());
    ObjectNode n = emptyResult().put("dryRun", r.dryRun());
    ArrayNode kept = n.putArray("kept");
    r.kept()
        .forEach(
            (backup, reasons) -> {
              ObjectNode k = kept.addObject().put("backup", backup);
              reasons.forEach(k.putArray("reasons")::add);
            });
    r.dropped().forEach(n.putArray("dropped")::add);
    ArrayNode merges = n.putArray("compactions");
    for (PruneReport.Compaction c : r.compactions()) {
      merges
          .addObject()
          .put("object", c.object())
          .put("fromBackup", c.fromBackup())
          .put("toBackup", c.toBackup())
          .put("inputSegments", c.inputSegments())
          .put("inputBytes", c.inputBytes())
          .put("outputSegments", c.outputSegments())
          .put("outputBytes", c.outputBytes());
    }
    n.put("tempFiles", r.gc().tempFiles())
        .put("segments", r.gc().segments())
        .put("chunks", r.gc().chunks())
        .put("pruneRecord", r.pruneRecord());
    output.result(spec.kind(), n, ExitCodes.OK);
    return ExitCodes.OK;
  }

  private int stats(RecordStore store) {
    ObjectNode n = emptyResult();
    var backups = n.putArray("backups");
    for (long b : store.backups()) {
      Manifest m = store.manifest(b);
      Manifest.Totals t = m.totals();
      backups
          .addObject()
          .put("backup", b)
          .put("createdAt", m.createdAt().toString())
          .put("objects", m.objects().size())
          .put("rows", t.rows())
          .put("tombstones", t.tombstones())
          .put("bytes", t.bytes());
    }
    output.result(spec.kind(), n, ExitCodes.OK);
    return ExitCodes.OK;
  }

  private static ObjectNode emptyResult() {
    return JSON.createObjectNode();
  }

  /** The spec's PEM certificates as the only roots, or the JRE's roots when it names none. */
  private SSLContext tls() throws Exception {
    if (spec.trustedCertificates().isEmpty()) {
      return TrustStores.jdkDefault();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    int i = 0;
    for (String pem : spec.trustedCertificates()) {
      Certificate c;
      try {
        c =
            cf.generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      } catch (CertificateException e) {
        throw new ProtocolException("job.trustedCertificates[" + i + "] is not a PEM certificate");
      }
      ks.setCertificateEntry("root-" + i++, c);
    }
    return TrustStores.trusting(ks);
  }
}
