package io.orgvault.web.export.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.SandboxLauncher.JobOutcome;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.ExportSettings.Source;
import io.orgvault.sandbox.protocol.ProtocolException;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.data.service.DataInput;
import io.orgvault.web.data.service.DataInput.CompareFilterInput;
import io.orgvault.web.data.service.OrgDataService;
import io.orgvault.web.export.DataExport;
import io.orgvault.web.export.repository.ExportRepository;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.sandbox.SandboxCapacityException;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.sandbox.SandboxSlot;
import io.orgvault.web.sandbox.SandboxSlots;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Export jobs: an export sandbox job writes the file into the org store's {@code exports/}, the
 * service serves it and deletes it when it expires or the tenant deletes it.
 *
 * <p>Exports run on a bounded pool of this instance, not on the tenant's Quartz job: they only read
 * committed backups (which a running backup never changes), so they need not wait behind a backup
 * of hours the way writers (backup, prune) must wait for each other; the pool caps the export
 * sandboxes of an instance and a full queue is refused, not buffered without end. Each export holds
 * a slot of the cluster-wide cap ({@link SandboxSlots}) while its sandbox runs. An instance that
 * dies loses its queued and running exports: the cleanup marks them FAILED ({@code export_lost}).
 */
@ApplicationScoped
public class ExportService {
  public static final int MAX_LIST = 100;
  private static final Logger LOG = Logger.getLogger(ExportService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Inject ExportRepository exports;
  @Inject SalesforceOrgRepository orgs;
  @Inject OrgDataService data;
  @Inject SandboxJobs jobs;
  @Inject SandboxSlots slots;
  @Inject ExportFiles files;
  @Inject ExportConfig config;
  @Inject Clock clock;

  private ThreadPoolExecutor pool;

  /** What a caller asks to export; which fields count depends on {@code source}. */
  public record Request(
      Source source, Long backup, String object, Long from, Long to, CompareFilterInput filter) {}

  @PostConstruct
  void start() {
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(config.queue()),
            r -> {
              Thread t = new Thread(r, "export-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }

  /** Queues an export of the org's store; 404 without a store, 503 when the queue is full. */
  public DataExport request(TenantId tenant, UUID orgId, Request r) {
    String sfOrgId = data.sfOrgIdOf(tenant, orgId);
    if (!jobs.hasStore(tenant, sfOrgId)) {
      throw new ApiProblem(404, "no_backups", "the org has no backup yet");
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    ExportSettings settings;
    try {
      settings = settings(r, fileName(r, id, now));
    } catch (ProtocolException e) {
      throw ApiProblem.badRequest("invalid_export", e.getMessage().replace("job.export.", ""));
    }
    DataExport e = new DataExport();
    e.id = id;
    e.tenantId = tenant.value();
    e.orgId = orgId;
    e.source = r.source().name();
    e.request = describe(r).toString();
    e.state = "QUEUED";
    e.fileName = settings.file();
    e.createdAt = now;
    e.expiresAt = now.plus(config.ttl());
    QuarkusTransaction.requiringNew().run(() -> exports.add(tenant, e));
    try {
      pool.execute(() -> run(tenant, id, sfOrgId, settings));
    } catch (RejectedExecutionException full) {
      finish(tenant, id, "FAILED", "export_queue_full", "too many exports are waiting", null);
      throw new ApiProblem(503, "export_queue_full", "too many exports are waiting; try later");
    }
    return e;
  }

  public List<DataExport> list(TenantId tenant, UUID orgId, int limit) {
    data.sfOrgIdOf(tenant, orgId);
    return QuarkusTransaction.requiringNew()
        .call(() -> exports.list(tenant, orgId, Math.max(1, Math.min(limit, MAX_LIST))));
  }

  public Optional<DataExport> find(TenantId tenant, UUID orgId, UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> exports.find(tenant, id).filter(e -> e.orgId.equals(orgId)));
  }

  /** The finished export's file, opened; 409 before it succeeded, 410 once it expired. */
  public Optional<Download> download(TenantId tenant, UUID orgId, UUID id) {
    Optional<DataExport> found = find(tenant, orgId, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DataExport e = found.get();
    if (!e.state.equals("SUCCEEDED")) {
      throw ApiProblem.conflict("export_not_ready", "the export is " + e.state);
    }
    if (!clock.instant().isBefore(e.expiresAt)) {
      throw new ApiProblem(410, "export_expired", "the export expired and its file is deleted");
    }
    String sfOrgId = data.sfOrgIdOf(tenant, orgId);
    Optional<ExportFiles.Opened> opened;
    try {
      opened = files.open(tenant, sfOrgId, e.fileName);
    } catch (IOException x) {
      LOG.errorf("refused to serve export %s of tenant %s: %s", id, tenant, x.getMessage());
      throw new ApiProblem(409, "export_file_refused", "the export's file cannot be served");
    }
    if (opened.isEmpty()) {
      throw new ApiProblem(410, "export_gone", "the export's file is no longer there");
    }
    return Optional.of(new Download(e, opened.get()));
  }

  /** An export with its file open for streaming. */
  public record Download(DataExport export, ExportFiles.Opened file) {}

  /** Deletes the export's file and its row; a running export's file is deleted when it ends. */
  public boolean delete(TenantId tenant, UUID orgId, UUID id) {
    Optional<DataExport> found = find(tenant, orgId, id);
    if (found.isEmpty()) {
      return false;
    }
    String sfOrgId = data.sfOrgIdOf(tenant, orgId);
    deleteFile(tenant, sfOrgId, found.get());
    QuarkusTransaction.requiringNew()
        .run(() -> exports.find(tenant, id).ifPresent(e -> exports.delete(tenant, e)));
    return true;
  }

  /** Every few minutes: expired exports go (file, then row); lost jobs are marked FAILED. */
  @Scheduled(
      every = "${orgvault.export.cleanup-every:PT10M}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledCleanup() {
    purge(clock.instant());
  }

  /** Deletes the exports expired at {@code now} in every tenant's volume; returns how many. */
  public int purge(Instant now) {
    int purged = 0;
    for (TenantId tenant : tenantsWithVolumes()) {
      List<DataExport> expired =
          QuarkusTransaction.requiringNew().call(() -> exports.expired(tenant, now));
      for (DataExport e : expired) {
        String sfOrgId =
            QuarkusTransaction.requiringNew()
                .call(() -> orgs.find(tenant, e.orgId).map(o -> o.sfOrgId).orElse(null));
        if (sfOrgId != null) {
          deleteFile(tenant, sfOrgId, e);
        }
        QuarkusTransaction.requiringNew()
            .run(() -> exports.find(tenant, e.id).ifPresent(x -> exports.delete(tenant, x)));
        purged++;
      }
      Instant lostBefore = now.minus(config.lostAfter());
      // a killed export job leaves its hidden .partial file: plaintext, so it goes too
      for (String sfOrgId : jobs.storedOrgs(tenant)) {
        try {
          files.sweepPartials(tenant, sfOrgId, lostBefore);
        } catch (IOException x) {
          LOG.errorf("cannot sweep half-written exports of tenant %s: %s", tenant, x.getMessage());
        }
      }
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  exports
                      .stale(tenant, lostBefore)
                      .forEach(
                          x ->
                              mark(
                                  x,
                                  "FAILED",
                                  "export_lost",
                                  "the instance running the export stopped",
                                  now)));
    }
    return purged;
  }

  private void run(TenantId tenant, UUID id, String sfOrgId, ExportSettings settings) {
    boolean started =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    exports
                        .find(tenant, id)
                        .filter(e -> e.state.equals("QUEUED"))
                        .map(
                            e -> {
                              e.state = "RUNNING";
                              e.startedAt = clock.instant();
                              return true;
                            })
                        .orElse(false));
    if (!started) {
      return;
    }
    try (SandboxSlot slot = slots.acquire(tenant)) {
      JobOutcome out = jobs.export(tenant, sfOrgId, settings, m -> {});
      JsonNode last = out.lastMessage();
      String type = last == null ? "" : last.path("type").asText();
      if (out.sandbox().exitCode() == 0 && type.equals("job-result")) {
        finish(tenant, id, "SUCCEEDED", null, null, last.path("result"));
      } else if (type.equals("job-failed")) {
        finish(tenant, id, "FAILED", "export_failed", last.path("message").asText(), null);
      } else {
        finish(
            tenant,
            id,
            "FAILED",
            "sandbox_failed",
            "the export sandbox ended without a result (" + out.sandbox().outcome() + ")",
            null);
      }
    } catch (SandboxCapacityException x) {
      finish(tenant, id, "FAILED", "sandbox_capacity", x.getMessage(), null);
    } catch (RuntimeException x) {
      LOG.errorf(x, "export %s of tenant %s failed", id, tenant);
      finish(tenant, id, "FAILED", "sandbox_unavailable", "the export sandbox could not run", null);
    }
    // deleted while it ran: its file goes too
    boolean gone = QuarkusTransaction.requiringNew().call(() -> exports.find(tenant, id).isEmpty());
    if (gone) {
      try {
        files.delete(tenant, sfOrgId, settings.file());
      } catch (IOException x) {
        LOG.errorf("cannot delete export file of deleted export %s: %s", id, x.getMessage());
      }
    }
  }

  private void finish(
      TenantId tenant, UUID id, String state, String code, String message, JsonNode result) {
    Instant now = clock.instant();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                exports
                    .find(tenant, id)
                    .ifPresent(
                        e -> {
                          mark(e, state, code, message, now);
                          if (result != null) {
                            e.rows = result.path("rows").asLong();
                            e.bytes = result.path("bytes").asLong();
                            e.sha256 = result.path("sha256").asText();
                            e.expiresAt = now.plus(config.ttl());
                          }
                        }));
  }

  private static void mark(DataExport e, String state, String code, String message, Instant now) {
    e.state = state;
    e.errorCode = code;
    e.errorMessage =
        message == null
            ? null
            : message.length() > 1000 ? message.substring(0, 999) + "…" : message;
    e.finishedAt = now;
  }

  private void deleteFile(TenantId tenant, String sfOrgId, DataExport e) {
    try {
      files.delete(tenant, sfOrgId, e.fileName);
    } catch (IOException x) {
      LOG.errorf(
          "cannot delete the file of export %s of tenant %s: %s", e.id, tenant, x.getMessage());
    }
  }

  /** Tenants are the volumes under the storage root (exports live there, nowhere else). */
  private List<TenantId> tenantsWithVolumes() {
    try {
      return jobs.tenantsWithVolumes();
    } catch (java.io.UncheckedIOException x) {
      LOG.errorf("cannot list the tenant volumes: %s", x.getMessage());
      return List.of();
    }
  }

  private static ExportSettings settings(Request r, String file) {
    CompareFilterInput f = r.filter();
    return new ExportSettings(
        r.source(),
        r.backup(),
        r.object(),
        r.from(),
        r.to(),
        f == null ? null : f.objects(),
        f == null ? null : f.kinds(),
        f == null ? null : f.fields(),
        file);
  }

  /** {@code Contact-b3-…}, {@code compare-1-2-…}, {@code backup-latest-…}: never the caller's. */
  static String fileName(Request r, UUID id, Instant now) {
    String what =
        switch (r.source()) {
          case OBJECT -> r.object() + "-" + backupName(r.backup());
          case COMPARE -> "compare-" + r.from() + "-" + r.to();
          case BACKUP -> "backup-" + backupName(r.backup());
        };
    String ext = r.source() == Source.BACKUP ? ".zip" : ".csv";
    return what + "-" + STAMP.format(now) + "-" + id.toString().substring(0, 8) + ext;
  }

  private static String backupName(Long backup) {
    return backup == null ? "latest" : "b" + backup;
  }

  private static ObjectNode describe(Request r) {
    ObjectNode n = JSON.createObjectNode().put("source", r.source().wireName());
    if (r.backup() != null) {
      n.put("backup", r.backup());
    }
    if (r.object() != null) {
      n.put("object", r.object());
    }
    if (r.from() != null) {
      n.put("from", r.from()).put("to", r.to());
    }
    CompareFilterInput f = r.filter();
    if (f != null) {
      f.objects().forEach(n.withArray("objects")::add);
      f.kinds().forEach(n.withArray("kinds")::add);
      f.fields().forEach(n.withArray("fields")::add);
    }
    return n;
  }

  /** Checks a request as the API receives it: names, numbers, and what each source needs. */
  public static Request validate(
      String source,
      Long backup,
      String object,
      Long from,
      Long to,
      List<String> objects,
      List<String> kinds,
      List<String> fields) {
    Source s;
    try {
      s = Source.valueOf(source == null ? "" : source.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid_source", "source is object, compare or backup");
    }
    if (backup != null && backup < 1) {
      throw ApiProblem.badRequest("invalid_backup", "backup must be a backup number from 1");
    }
    return switch (s) {
      case OBJECT -> new Request(s, backup, DataInput.apiName(object, "object"), null, null, null);
      case COMPARE -> {
        if (from == null || to == null || from < 1 || to < 1) {
          throw ApiProblem.badRequest("invalid_backup_pair", "from and to are backup numbers");
        }
        DataInput.pair(from, to);
        yield new Request(s, null, null, from, to, DataInput.filter(objects, kinds, fields));
      }
      case BACKUP -> new Request(s, backup, null, null, null, null);
    };
  }
}
