package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.CheckpointExpiredException;
import io.orgvault.engine.salesforce.DeletedRecords;
import io.orgvault.engine.salesforce.Deletion;
import io.orgvault.engine.salesforce.Extraction;
import io.orgvault.engine.salesforce.ExtractionCheckpoint;
import io.orgvault.engine.salesforce.ExtractionRequest;
import io.orgvault.engine.salesforce.FieldDescription;
import io.orgvault.engine.salesforce.MalformedResponseException;
import io.orgvault.engine.salesforce.RunStoppedException;
import io.orgvault.engine.salesforce.SObjectDescription;
import io.orgvault.engine.salesforce.SObjectSummary;
import io.orgvault.engine.salesforce.SalesforceApiException;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceRecord;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One backup run of one org into one store: every selected queryable object, fully the first time
 * (or when the object is new), then incrementally from the previous high-water mark minus an
 * overlap window, deletions as tombstones, file bodies into the store's blobs, and one manifest
 * commit at the end. A run that stops (API allowance spent, a failure, a crash) commits nothing:
 * the previous backup stays the latest. What it wrote stays as a pending backup ({@link
 * PendingRun}) that the next run continues: complete objects are not read again, the object under
 * way continues from its last saved checkpoint (a full re-read of an object the previous backup
 * holds starts again).
 *
 * <p>The high-water mark of every object extracted is the server time read <em>before</em>
 * extraction started, so rows changed while the run was under way are read again next time.
 */
public final class BackupJob {
  private static final int PROGRESS_EVERY_ROWS = 5_000;
  private static final int PROGRESS_EVERY_FILES = 50;

  /** What a stopped run that kept its progress says, in its events and result. */
  public static final String PENDING_NOTE = "pending, will resume";

  private final SalesforceClient client;
  private final RecordStore store;
  private final String orgId;
  private final BackupOptions options;
  private final ProgressSink progress;

  public BackupJob(
      SalesforceClient client,
      RecordStore store,
      String orgId,
      BackupOptions options,
      ProgressSink progress) {
    this.client = client;
    this.store = store;
    this.orgId = orgId;
    this.options = options;
    this.progress = progress;
  }

  /**
   * Runs the backup.
   *
   * @return the summary; {@link BackupResult#committed()} is false when an API allowance stopped
   *     the run (nothing of it is visible in the store)
   */
  public BackupResult run() {
    List<ObjectOutcome> outcomes = new ArrayList<>();
    List<SkippedObject> skipped = new ArrayList<>();
    emit("run-started", null, 0, -1, 0, null);
    Instant start = null;
    BackupWriter open = null;
    try (BackupWriter writer = store.beginBackup(orgId)) {
      open = writer;
      Manifest previous = writer.previous();
      if (previous != null && !previous.orgId().equals(orgId)) {
        throw new IllegalStateException(
            "the store holds backups of org "
                + previous.orgId()
                + ", not of "
                + orgId
                + ": one store per org");
      }
      Snapshot before = previous == null ? null : store.snapshot(previous.backupNumber());
      PendingRun pending =
          PendingRun.start(
              writer,
              options,
              Instant.now(),
              (type, object, detail) -> emit(type, object, 0, -1, 0, detail));
      start = client.serverTimestamp();
      for (SObjectSummary s : client.describeGlobal()) {
        if (!options.selects(s.name())) {
          continue;
        }
        if (pending.completedEarlier(s.name())) {
          emit("object-done", s.name(), 0, -1, 0, "completed by an earlier run of this backup");
          continue;
        }
        String skip =
            !s.queryable()
                ? SkippedObject.NOT_QUERYABLE
                : s.deprecatedAndHidden() ? SkippedObject.DEPRECATED : null;
        if (skip != null) {
          skipped.add(new SkippedObject(s.name(), skip));
          emit("object-skipped", s.name(), 0, -1, 0, skip);
          continue;
        }
        SObjectDescription d;
        try {
          d = client.describe(s.name());
        } catch (SalesforceApiException e) {
          String reason = "skipped: describe failed: " + e.getMessage();
          skipped.add(new SkippedObject(s.name(), reason));
          emit("object-skipped", s.name(), 0, -1, 0, reason);
          continue;
        }
        Optional<Manifest.ObjectEntry> prior =
            previous == null ? Optional.empty() : previous.object(d.name());
        ObjectOutcome o = backUp(writer, d, s.replicateable(), prior, before, start, pending);
        outcomes.add(o);
        if (o.failure() != null) {
          skipped.add(new SkippedObject(d.name(), o.failure()));
        }
        if ("REST".equals(o.method()) && !client.bulkQueryable(d.name())) {
          skipped.add(new SkippedObject(d.name(), SkippedObject.NOT_IN_BULK));
        }
      }
      Manifest m = writer.commit();
      BackupResult r =
          new BackupResult(
              OptionalLong.of(m.backupNumber()), outcomes, skipped, calls(), start, null, false);
      emit("run-committed", null, r.rowsWritten(), -1, 0, "backup " + m.backupNumber());
      return r;
    } catch (RunStoppedException stop) {
      // Closing the writer above kept what the pending state references and removed the rest:
      // nothing is committed.
      String reason = stop.getClass().getSimpleName() + ": " + stop.getMessage();
      emit("run-stopped", null, 0, -1, 0, reason);
      boolean kept = open != null && open.pendingKept();
      if (kept) {
        emit("run-pending", null, 0, -1, 0, PENDING_NOTE);
      }
      return new BackupResult(
          OptionalLong.empty(), outcomes, skipped, calls(), start, reason, kept);
    } catch (RuntimeException e) {
      emit("run-failed", null, 0, -1, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  private ObjectOutcome backUp(
      BackupWriter writer,
      SObjectDescription d,
      boolean replicateable,
      Optional<Manifest.ObjectEntry> prior,
      Snapshot before,
      Instant runStart,
      PendingRun pending) {
    String name = d.name();
    List<FieldSchema> schema = d.fieldSchemas();
    SchemaChange change = diff(name, prior.map(Manifest.ObjectEntry::schema).orElse(null), schema);
    if (!change.isEmpty()) {
      emit("schema-changed", name, 0, -1, 0, change.toString());
    }
    Optional<String> stampField = d.timestampField();
    long priorMark = prior.map(Manifest.ObjectEntry::highWaterMark).orElse(0L);
    boolean full = prior.isEmpty() || priorMark <= 0 || stampField.isEmpty();
    // A full extraction of an object the previous backup holds (it has no change timestamp, or
    // its previous extraction failed): unchanged rows are not stored again, and records the
    // previous backup holds that are gone get tombstones.
    boolean again = full && prior.isPresent() && before != null;
    boolean hasIsDeleted = d.field("IsDeleted").isPresent();
    ExtractionRequest.Builder req = ExtractionRequest.of(d);
    Instant from = null;
    if (!full) {
      from = Instant.ofEpochMilli(priorMark).minus(options.overlap());
      req.modifiedFrom(from).includeDeleted(hasIsDeleted);
    }
    ExtractionRequest request = req.build();
    List<FieldDescription> blobFields = d.blobFields();
    // A later run can continue an object from a checkpoint, except a full re-extraction of an
    // object the previous backup holds: its deletion check needs every Id delivered, unchanged
    // ones included, which only memory holds. An incremental object's check needs only the Ids it
    // stored (see docs/backup.md), which its segments give back.
    boolean resumable = !again;
    Optional<ResumePoint> resumeAt = pending.resumePoint(name, schema, request, resumable);
    Extraction resumed = null;
    if (resumeAt.isPresent()) {
      try {
        resumed = client.resume(request, resumeAt.get().checkpoint());
      } catch (CheckpointExpiredException | SalesforceApiException | MalformedResponseException e) {
        emit("object-restarted", name, 0, -1, 0, "cannot continue: " + e.getMessage());
      }
    }
    // The mark of an object continued is that of the run that started it: no gap.
    Instant start = resumed != null ? resumeAt.get().markInstant() : runStart;
    ObjectWriter out =
        resumed != null ? writer.resumeObject(name, schema) : writer.object(name, schema);
    emit(
        "object-started",
        name,
        0,
        -1,
        0,
        (full ? "full" : "incremental from " + from)
            + (resumed == null
                ? ""
                : ", continued after " + resumeAt.get().checkpoint().delivered() + " records"));
    long read = 0;
    long written = 0;
    long tombstones = 0;
    long blobs = 0;
    long blobBytes = 0;
    Set<String> seen = new HashSet<>();
    if (resumed != null && !full) {
      seen.addAll(writer.idsWritten(name));
    }
    String method = null;
    ExtractionCheckpoint rowStart = null;
    ExtractionCheckpoint extracted = null;
    try {
      try (Extraction records = resumed != null ? resumed : client.extract(request)) {
        method = records.method().name();
        long expected = records.expectedCount();
        long mark = start.toEpochMilli();
        if (resumable) {
          out.resumable(() -> new ResumePoint(mark, records.checkpoint()).encode());
        }
        while (records.hasNext()) {
          if (resumable && !blobFields.isEmpty()) {
            rowStart = records.checkpoint(); // a stop while reading this row's files resumes here
          }
          SalesforceRecord r = records.next();
          read++;
          if (!full || again) {
            seen.add(r.id());
          }
          boolean compare =
              again || (r.modstamp() != null && r.modstamp().toEpochMilli() < priorMark);
          if (r.deleted()) {
            if (!(compare && before != null && before.get(name, r.id()).isEmpty())) {
              out.add(RecordVersion.tombstone(name, r.id(), stamp(r)));
              tombstones++;
            }
          } else {
            RecordVersion v = r.toRecordVersion();
            if (compare && before != null && unchanged(before, v, blobFields)) {
              continue;
            }
            if (!blobFields.isEmpty()) {
              Map<String, Object> fields = new LinkedHashMap<>(v.fields());
              for (FieldDescription f : blobFields) {
                BlobRef ref = readBlob(writer, name, r.id(), f.name());
                fields.put(f.name(), ref);
                blobs++;
                blobBytes += ref.length();
              }
              v = RecordVersion.upsert(name, v.id(), v.systemModstamp(), fields);
            }
            out.add(v);
            written++;
          }
          if (read % PROGRESS_EVERY_ROWS == 0
              || (!blobFields.isEmpty() && read % PROGRESS_EVERY_FILES == 0)) {
            emit("object-progress", name, read, expected, blobBytes, null);
          }
        }
        extracted = records.checkpoint();
      }
      if (again) {
        tombstones += tombstoneMissing(out, name, start, seen, before);
      } else if (!full) {
        tombstones += deletionsNotSeen(out, name, replicateable, from, start, seen, before);
      }
    } catch (RunStoppedException stop) {
      // Rows are delivered in order: where the stop found the extraction, or the start of the row
      // whose file bodies were being read, is where a later run continues.
      // A stop in the deletion check after the extraction resumes at the extraction's end (the
      // tombstones written so far are then among the Ids the object's segments give back).
      ExtractionCheckpoint at = extracted != null ? extracted : stop.checkpoint().orElse(rowStart);
      if (resumable && at != null) {
        out.suspend(new ResumePoint(start.toEpochMilli(), at).encode());
      }
      throw stop;
    } catch (SalesforceApiException | MalformedResponseException e) {
      // This object only: what was read is kept (true versions), but the high-water mark stays
      // where it was (0 for an object new to the store), so the next run reads the rest again.
      out.highWaterMark(full ? 0 : priorMark);
      out.finish();
      String failure = "failed: " + e.getMessage();
      emit("object-failed", name, read, -1, blobBytes, failure);
      return new ObjectOutcome(
          name, full, method, read, written, tombstones, blobs, blobBytes, change, failure);
    }
    out.highWaterMark(start.toEpochMilli());
    // The buffer budget is per object: write this object's tail now, not at the commit.
    out.finish();
    emit("object-done", name, read, read, blobBytes, method);
    return new ObjectOutcome(
        name, full, method, read, written, tombstones, blobs, blobBytes, change, null);
  }

  /** Tombstones for the records the previous backup holds that a full extraction did not see. */
  private static long tombstoneMissing(
      ObjectWriter out, String name, Instant start, Set<String> seen, Snapshot before) {
    long n = 0;
    try (io.orgvault.engine.store.RecordStream live = before.records(name)) {
      while (live.hasNext()) {
        String id = live.next().id();
        if (!seen.contains(id)) {
          out.add(RecordVersion.tombstone(name, id, start.toEpochMilli()));
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Deletions {@code queryAll} no longer sees (records purged from the recycle bin, hard deletes).
   * {@code getDeleted} lists the recycled ones; when it cannot vouch for the whole window (the
   * recycle bin was emptied after the window started, or the window is too old for it), every Id of
   * the object is read and compared with the previous backup. Records the extraction delivered are
   * left alone: an undeleted record is live again, a recycled one already has its tombstone.
   */
  private long deletionsNotSeen(
      ObjectWriter out,
      String name,
      boolean replicateable,
      Instant from,
      Instant start,
      Set<String> seen,
      Snapshot before) {
    if (before == null) {
      return 0;
    }
    boolean sweep = !replicateable;
    long n = 0;
    if (replicateable) {
      try {
        DeletedRecords deleted = client.getDeleted(name, from, start.plus(Duration.ofMinutes(1)));
        for (Deletion del : deleted.deletions()) {
          if (!seen.contains(del.id()) && before.get(name, del.id()).isPresent()) {
            out.add(del.toTombstone(name));
            seen.add(del.id());
            n++;
          }
        }
        sweep =
            deleted.earliestDateAvailable() != null
                && deleted.earliestDateAvailable().isAfter(from);
      } catch (SalesforceApiException e) {
        sweep = true; // getDeleted cannot cover this window or object
      }
    }
    if (sweep) {
      for (String id : IdSweep.gone(client, name, before)) {
        if (!seen.contains(id)) {
          out.add(RecordVersion.tombstone(name, id, start.toEpochMilli()));
          n++;
        }
      }
    }
    return n;
  }

  private BlobRef readBlob(BackupWriter writer, String object, String id, String field) {
    try (InputStream body = client.openBlob(object, id, field)) {
      return writer.writeBlob(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + object + "." + field + " of " + id, e);
    }
  }

  /** Whether the previous backup holds the same version (file bodies aside: not re-read). */
  private static boolean unchanged(
      Snapshot before, RecordVersion v, List<FieldDescription> blobFields) {
    Optional<RecordVersion> old = before.get(v.objectName(), v.id());
    if (old.isEmpty() || old.get().systemModstamp() != v.systemModstamp()) {
      return false;
    }
    Map<String, Object> oldFields = new LinkedHashMap<>(old.get().fields());
    blobFields.forEach(f -> oldFields.remove(f.name()));
    if (!oldFields.keySet().equals(v.fields().keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> e : v.fields().entrySet()) {
      if (!sameValue(oldFields.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Equal values; numbers by value, since REST may write {@code 1.0E7} where Bulk wrote 1e7. */
  private static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  private static long stamp(SalesforceRecord r) {
    return r.modstamp() == null ? 0 : r.modstamp().toEpochMilli();
  }

  static SchemaChange diff(String object, List<FieldSchema> before, List<FieldSchema> now) {
    if (before == null) {
      return new SchemaChange(object, List.of(), List.of(), List.of());
    }
    Map<String, FieldSchema> old = new LinkedHashMap<>();
    before.forEach(f -> old.put(f.name(), f));
    Map<String, FieldSchema> cur = new LinkedHashMap<>();
    now.forEach(f -> cur.put(f.name(), f));
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (FieldSchema f : now) {
      FieldSchema o = old.get(f.name());
      if (o == null) {
        added.add(f.name());
      } else if (!o.equals(f)) {
        changed.add(f.name());
      }
    }
    List<String> removed =
        before.stream().map(FieldSchema::name).filter(n -> !cur.containsKey(n)).toList();
    return new SchemaChange(object, added, removed, changed);
  }

  private long calls() {
    return client.budget().callsMade();
  }

  private void emit(
      String type, String object, long done, long estimated, long bytes, String detail) {
    progress.accept(
        new ProgressEvent(type, object, done, estimated, bytes, calls(), Instant.now(), detail));
  }
}
