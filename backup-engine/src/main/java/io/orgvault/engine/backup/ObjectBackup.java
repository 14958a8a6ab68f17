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
import io.orgvault.engine.salesforce.SalesforceApiException;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceRecord;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backup of one object within a run, on one thread of the run's pool: a full or incremental
 * extraction into the object's own {@link ObjectWriter}, deletions as tombstones, file bodies read
 * through the run's {@link BodyDownloads}. Only this thread adds rows to the object's writer; the
 * rows whose bodies are being read wait in a bounded window, in the order they arrived (the
 * segments are sorted by Id anyway, so the stored result does not depend on which body finished
 * first).
 *
 * <p>Pending backups: an object an earlier run left under way continues from its checkpoint, and
 * the position saved with each segment is where every row before it is in the writer: the start of
 * the oldest row still waiting for its bodies, else where the extraction stands. A stop (on this
 * thread, or the run's {@link RunStop} seen at the next row) leaves the object at that position
 * too; a body being read then is read again from its row by the next run.
 */
final class ObjectBackup {
  private static final int PROGRESS_EVERY_ROWS = 5_000;
  private static final int PROGRESS_EVERY_FILES = 50;

  /** Rows waiting for their bodies, per body read at once: enough to keep every reader busy. */
  private static final int WINDOW_PER_DOWNLOAD = 2;

  /** How often a thread waiting for a file body looks whether the run was stopped. */
  private static final long STOP_POLL_MILLIS = 200;

  /** The parts of a run every object shares. */
  record Run(
      SalesforceClient client,
      BackupWriter writer,
      BackupOptions options,
      Snapshot before,
      Instant start,
      RunProgress progress,
      BodyDownloads bodies,
      PendingRun pending,
      RunStop stop) {}

  private final Run run;
  private final SObjectDescription d;
  private final boolean replicateable;
  private final Optional<Manifest.ObjectEntry> prior;
  private final String name;

  private long read;
  private long written;
  private long tombstones;
  private long blobs;
  private long blobBytes;

  /** This object's high-water mark once complete: the run's start, or that of the run it began. */
  private Instant start;

  /** The row whose bodies this thread is waiting for, or null. */
  private Waiting storing;

  ObjectBackup(
      Run run, SObjectDescription d, boolean replicateable, Optional<Manifest.ObjectEntry> prior) {
    this.run = run;
    this.d = d;
    this.replicateable = replicateable;
    this.prior = prior;
    this.name = d.name();
  }

  /**
   * A row read whose file bodies are still being read.
   *
   * @param rowStart where the extraction stood before this row (null when the object cannot be
   *     continued): a later run continues there if the row is not in the writer yet
   */
  private record Waiting(
      RecordVersion version, Map<String, Future<BlobRef>> bodies, ExtractionCheckpoint rowStart) {}

  ObjectOutcome run() {
    Snapshot before = run.before();
    List<FieldSchema> schema = d.fieldSchemas();
    run.writer().describe(name, d.toObjectDescribe());
    SchemaChange change =
        BackupJob.diff(name, prior.map(Manifest.ObjectEntry::schema).orElse(null), schema);
    if (!change.isEmpty()) {
      emit("schema-changed", 0, -1, change.toString());
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
      from = Instant.ofEpochMilli(priorMark).minus(run.options().overlap());
      req.modifiedFrom(from).includeDeleted(hasIsDeleted);
    }
    ExtractionRequest request = req.build();
    List<FieldDescription> blobFields = d.blobFields();
    // A later run can continue an object from a checkpoint, except a full re-extraction of an
    // object the previous backup holds: its deletion check needs every Id delivered, unchanged
    // ones included, which no segment holds. An incremental object's check needs only the Ids it
    // stored (see docs/backup.md), which its segments give back.
    boolean resumable = !again;
    Optional<ResumePoint> resumeAt = run.pending().resumePoint(name, schema, request, resumable);
    Extraction resumed = null;
    if (resumeAt.isPresent()) {
      try {
        resumed = run.client().resume(request, resumeAt.get().checkpoint());
      } catch (CheckpointExpiredException | SalesforceApiException | MalformedResponseException e) {
        emit("object-restarted", 0, -1, "cannot continue: " + e.getMessage());
      }
    }
    // The mark of an object continued is that of the run that started it: no gap.
    start = resumed != null ? resumeAt.get().markInstant() : run.start();
    ObjectWriter out =
        resumed != null
            ? run.writer().resumeObject(name, schema)
            : run.writer().object(name, schema);
    emit(
        "object-started",
        0,
        -1,
        (full ? "full" : "incremental from " + from)
            + (resumed == null
                ? ""
                : ", continued after " + resumeAt.get().checkpoint().delivered() + " records"));
    // Ids delivered: few in an incremental run (the changes); every Id of the object when it is
    // read again in full, so those go to a bounded sorted structure instead.
    Set<String> seen = new HashSet<>();
    SortedIds seenAll = again ? new SortedIds() : null;
    if (resumed != null && !full) {
      // What earlier runs of this backup delivered: as many Ids as an uninterrupted run holds.
      run.writer().idsWritten(name, seen::add);
    }
    ArrayDeque<Waiting> window = new ArrayDeque<>();
    int maxWaiting = WINDOW_PER_DOWNLOAD * run.bodies().concurrency();
    String method = null;
    ExtractionCheckpoint extracted = null;
    ExtractionCheckpoint lastRowStart = null;
    try {
      try (Extraction records = resumed != null ? resumed : run.client().extract(request)) {
        method = records.method().name();
        long expected = records.expectedCount();
        long mark = start.toEpochMilli();
        if (resumable) {
          // Asked on this thread, while a segment is written from within out.add.
          out.resumable(
              () ->
                  new ResumePoint(
                          mark, window.isEmpty() ? records.checkpoint() : window.peek().rowStart())
                      .encode());
        }
        while (true) {
          if (run.stop().requested()) {
            throw run.stop().at(records.checkpoint()); // another object met the stop
          }
          if (!records.hasNext()) {
            break;
          }
          ExtractionCheckpoint rowStart =
              resumable && !blobFields.isEmpty() ? records.checkpoint() : null;
          lastRowStart = rowStart;
          SalesforceRecord r = records.next();
          read++;
          if (again) {
            seenAll.add(r.id());
          } else if (!full) {
            seen.add(r.id());
          }
          boolean compare =
              again || (r.modstamp() != null && r.modstamp().toEpochMilli() < priorMark);
          if (r.deleted()) {
            if (!(compare && before != null && before.get(name, r.id()).isEmpty())) {
              RecordVersion t = RecordVersion.tombstone(name, r.id(), stamp(r));
              if (window.isEmpty()) {
                out.add(t);
              } else {
                // Behind rows waiting for bodies: the writer keeps the extraction's order, so a
                // resume position never lies before a row already written (no version twice).
                window.add(new Waiting(t, Map.of(), rowStart));
              }
              tombstones++;
            }
          } else {
            RecordVersion v = r.toRecordVersion();
            if (compare && before != null && unchanged(before, v, blobFields)) {
              continue;
            }
            if (blobFields.isEmpty()) {
              out.add(v);
              written++;
            } else {
              Map<String, Future<BlobRef>> bodies = new LinkedHashMap<>();
              for (FieldDescription f : blobFields) {
                bodies.put(f.name(), run.bodies().submit(name, r.id(), f.name()));
              }
              window.add(new Waiting(v, bodies, rowStart));
              while (window.size() >= maxWaiting) {
                store(out, window.poll(), expected);
              }
            }
          }
          if (read % PROGRESS_EVERY_ROWS == 0) {
            emit("object-progress", read, expected, null);
          }
        }
        while (!window.isEmpty()) {
          store(out, window.poll(), expected);
        }
        extracted = records.checkpoint();
      }
      if (!full && run.stop().requested()) {
        run.stop().check(); // this deletion check calls the API: leave it to the next run
      }
      if (again) {
        tombstones += tombstoneMissing(out, seenAll);
      } else if (!full) {
        tombstones += deletionsNotSeen(out, from, seen);
      }
    } catch (RunStoppedException stop) {
      run.stop().request(stop);
      // Rows are delivered in order, and every row before the first one not in the writer is:
      // that row (its bodies were being read, or it waits for them) is where a later run
      // continues, else where the stop found the extraction. A stop in the deletion check resumes
      // at the extraction's end (the tombstones written so far are then among the Ids the
      // object's segments give back).
      ExtractionCheckpoint at;
      if (extracted != null) {
        at = extracted;
      } else if (storing != null) {
        at = storing.rowStart();
      } else if (!window.isEmpty()) {
        at = window.peek().rowStart();
      } else {
        at = stop.checkpoint().filter(c -> isOf(c, request)).orElse(lastRowStart);
      }
      cancel(window);
      if (resumable && at != null) {
        out.suspend(new ResumePoint(start.toEpochMilli(), at).encode());
      }
      throw stop;
    } catch (SalesforceApiException | MalformedResponseException e) {
      cancel(window);
      // This object only: what was read is kept (true versions), but the high-water mark stays
      // where it was (0 for an object new to the store), so the next run reads the rest again.
      out.highWaterMark(full ? 0 : priorMark);
      out.finish();
      String failure = "failed: " + e.getMessage();
      emit("object-failed", read, -1, failure);
      return new ObjectOutcome(
          name, full, method, read, written, tombstones, blobs, blobBytes, change, failure);
    } catch (RuntimeException | Error e) {
      cancel(window);
      throw e;
    } finally {
      if (seenAll != null) {
        seenAll.close();
      }
    }
    out.highWaterMark(start.toEpochMilli());
    // Write this object's tail now, not at the commit: its buffer leaves the heap.
    out.finish();
    emit("object-done", read, read, method);
    return new ObjectOutcome(
        name, full, method, read, written, tombstones, blobs, blobBytes, change, null);
  }

  /** Waits for one row's bodies, then adds the row with their references. */
  private void store(ObjectWriter out, Waiting w, long expected) {
    if (w.bodies().isEmpty()) {
      out.add(w.version()); // a tombstone that waited its turn
      return;
    }
    storing = w;
    Map<String, Object> fields = new LinkedHashMap<>(w.version().fields());
    for (Map.Entry<String, Future<BlobRef>> e : w.bodies().entrySet()) {
      BlobRef ref = await(e.getValue(), run.stop());
      fields.put(e.getKey(), ref);
      blobs++;
      blobBytes += ref.length();
    }
    RecordVersion v = w.version();
    out.add(RecordVersion.upsert(name, v.id(), v.systemModstamp(), fields));
    storing = null;
    written++;
    if (written % PROGRESS_EVERY_FILES == 0) {
      emit("object-progress", read, expected, null);
    }
  }

  /**
   * The body's reference, or the failure of its read as the reader threw it; the run's stop, if it
   * comes first.
   */
  private static BlobRef await(Future<BlobRef> f, RunStop stop) {
    try {
      while (true) {
        try {
          return f.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          stop.check();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a file body");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("reading a file body failed", cause);
    }
  }

  private void cancel(ArrayDeque<Waiting> window) {
    if (storing != null) {
      storing.bodies().values().forEach(f -> f.cancel(true));
      storing = null;
    }
    for (Waiting w : window) {
      w.bodies().values().forEach(f -> f.cancel(true));
    }
    window.clear();
  }

  /** Whether a stop's checkpoint is of this object's extraction (not of another query). */
  private static boolean isOf(ExtractionCheckpoint c, ExtractionRequest request) {
    return c.objectName().equals(request.object().name())
        && c.querySignature().equals(request.signature());
  }

  /** Tombstones for the records the previous backup holds that a full extraction did not see. */
  private long tombstoneMissing(ObjectWriter out, SortedIds seen) {
    long stamp = start.toEpochMilli();
    return IdSweep.missing(
        run.before().records(name),
        seen.sorted(),
        id -> out.add(RecordVersion.tombstone(name, id, stamp)));
  }

  /**
   * Deletions {@code queryAll} no longer sees (records purged from the recycle bin, hard deletes).
   * {@code getDeleted} lists the recycled ones; when it cannot vouch for the whole window (the
   * recycle bin was emptied after the window started, or the window is too old for it), every Id of
   * the object is read and compared with the previous backup. Records the extraction delivered are
   * left alone: an undeleted record is live again, a recycled one already has its tombstone.
   */
  private long deletionsNotSeen(ObjectWriter out, Instant from, Set<String> seen) {
    Snapshot before = run.before();
    if (before == null) {
      return 0;
    }
    boolean sweep = !replicateable;
    long n = 0;
    if (replicateable) {
      try {
        DeletedRecords deleted =
            run.client().getDeleted(name, from, start.plus(Duration.ofMinutes(1)));
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
      long[] swept = {0};
      IdSweep.gone(
          run.client(),
          name,
          before,
          id -> {
            if (!seen.contains(id)) {
              out.add(RecordVersion.tombstone(name, id, start.toEpochMilli()));
              swept[0]++;
            }
          });
      n += swept[0];
    }
    return n;
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

  private void emit(String type, long done, long estimated, String detail) {
    run.progress().emit(type, name, done, estimated, blobBytes, detail);
  }
}
