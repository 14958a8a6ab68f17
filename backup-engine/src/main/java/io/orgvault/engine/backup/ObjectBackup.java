package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.DeletedRecords;
import io.orgvault.engine.salesforce.Deletion;
import io.orgvault.engine.salesforce.Extraction;
import io.orgvault.engine.salesforce.ExtractionRequest;
import io.orgvault.engine.salesforce.FieldDescription;
import io.orgvault.engine.salesforce.MalformedResponseException;
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

/**
 * The backup of one object within a run, on one thread of the run's pool: a full or incremental
 * extraction into the object's own {@link ObjectWriter}, deletions as tombstones, file bodies read
 * through the run's {@link BodyDownloads}. Only this thread adds rows to the object's writer; the
 * rows whose bodies are being read wait in a bounded window, in the order they arrived (the
 * segments are sorted by Id anyway, so the stored result does not depend on which body finished
 * first).
 */
final class ObjectBackup {
  private static final int PROGRESS_EVERY_ROWS = 5_000;
  private static final int PROGRESS_EVERY_FILES = 50;

  /** Rows waiting for their bodies, per body read at once: enough to keep every reader busy. */
  private static final int WINDOW_PER_DOWNLOAD = 2;

  /** The parts of a run every object shares. */
  record Run(
      SalesforceClient client,
      BackupWriter writer,
      BackupOptions options,
      Snapshot before,
      Instant start,
      RunProgress progress,
      BodyDownloads bodies) {}

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

  ObjectBackup(
      Run run, SObjectDescription d, boolean replicateable, Optional<Manifest.ObjectEntry> prior) {
    this.run = run;
    this.d = d;
    this.replicateable = replicateable;
    this.prior = prior;
    this.name = d.name();
  }

  /** A row read whose file bodies are still being read. */
  private record Waiting(RecordVersion version, Map<String, Future<BlobRef>> bodies) {}

  ObjectOutcome run() {
    Snapshot before = run.before();
    List<FieldSchema> schema = d.fieldSchemas();
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
    ObjectWriter out = run.writer().object(name, schema);
    emit("object-started", 0, -1, full ? "full" : "incremental from " + from);
    // Ids delivered: few in an incremental run (the changes); every Id of the object when it is
    // read again in full, so those go to a bounded sorted structure instead.
    Set<String> seen = new HashSet<>();
    SortedIds seenAll = again ? new SortedIds() : null;
    ArrayDeque<Waiting> window = new ArrayDeque<>();
    int maxWaiting = WINDOW_PER_DOWNLOAD * run.bodies().concurrency();
    String method = null;
    try {
      try (Extraction records = run.client().extract(request)) {
        method = records.method().name();
        long expected = records.expectedCount();
        while (records.hasNext()) {
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
              out.add(RecordVersion.tombstone(name, r.id(), stamp(r)));
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
              window.add(new Waiting(v, bodies));
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
      }
      if (again) {
        tombstones += tombstoneMissing(out, seenAll);
      } else if (!full) {
        tombstones += deletionsNotSeen(out, from, seen);
      }
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
    out.highWaterMark(run.start().toEpochMilli());
    // Write this object's tail now, not at the commit: its buffer leaves the heap.
    out.finish();
    emit("object-done", read, read, method);
    return new ObjectOutcome(
        name, full, method, read, written, tombstones, blobs, blobBytes, change, null);
  }

  /** Waits for one row's bodies, then adds the row with their references. */
  private void store(ObjectWriter out, Waiting w, long expected) {
    Map<String, Object> fields = new LinkedHashMap<>(w.version().fields());
    for (Map.Entry<String, Future<BlobRef>> e : w.bodies().entrySet()) {
      BlobRef ref = await(e.getValue());
      fields.put(e.getKey(), ref);
      blobs++;
      blobBytes += ref.length();
    }
    RecordVersion v = w.version();
    out.add(RecordVersion.upsert(name, v.id(), v.systemModstamp(), fields));
    written++;
    if (written % PROGRESS_EVERY_FILES == 0) {
      emit("object-progress", read, expected, null);
    }
  }

  /** The body's reference, or the failure of its read as the reader threw it. */
  private static BlobRef await(Future<BlobRef> f) {
    try {
      return f.get();
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

  private static void cancel(ArrayDeque<Waiting> window) {
    for (Waiting w : window) {
      w.bodies().values().forEach(f -> f.cancel(true));
    }
    window.clear();
  }

  /** Tombstones for the records the previous backup holds that a full extraction did not see. */
  private long tombstoneMissing(ObjectWriter out, SortedIds seen) {
    long stamp = run.start().toEpochMilli();
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
            run.client().getDeleted(name, from, run.start().plus(Duration.ofMinutes(1)));
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
              out.add(RecordVersion.tombstone(name, id, run.start().toEpochMilli()));
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
