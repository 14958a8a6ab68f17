package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.ExtractionRequest;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.PendingBackup;
import io.orgvault.engine.store.StoreCorruptedException;
import io.orgvault.engine.store.UnsupportedFormatVersionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backup job's side of pending backups: at the start of a run, decides whether the pending backup
 * an earlier run left is continued or abandoned (and says which, with the reason, as a progress
 * event), then has the store keep this run's progress so that a later run can continue it. Which
 * objects are complete, and where an object in progress continues, come from here.
 */
final class PendingRun {
  /** Reports a decision as a progress event. */
  interface Events {
    void emit(String type, String object, String detail);
  }

  private final PendingBackup resumed;
  private final Events events;

  private PendingRun(PendingBackup resumed, Events events) {
    this.resumed = resumed;
    this.events = events;
  }

  /**
   * Reads the pending backup, continues it when it is authentic, of this org, built on the latest
   * backup, made with the same selection and younger than the age limit; abandons it otherwise.
   * From then on the writer keeps this run's progress.
   */
  static PendingRun start(BackupWriter writer, BackupOptions options, Instant now, Events events) {
    PendingBackup found = null;
    String refusal = null;
    try {
      found = writer.pending().orElse(null);
    } catch (StoreCorruptedException | UnsupportedFormatVersionException e) {
      refusal = "cannot be read (" + e.getMessage() + ")";
    }
    if (found != null) {
      Duration age = Duration.between(found.createdAt(), now);
      String base = writer.previous() == null ? null : writer.previous().mac();
      if (!found.selection().equals(options.selection())) {
        refusal = "was made with another selection of objects (" + found.selection() + ")";
      } else if (age.compareTo(options.pendingMaxAge()) > 0) {
        refusal = "is older (" + age + ") than the limit of " + options.pendingMaxAge();
      } else if (!found.orgId().equals(writer.orgId())
          || !java.util.Objects.equals(found.previousMac(), base)) {
        refusal = "was not built on the latest backup of this org";
      } else if (writer.missingSegments(found) > 0) {
        refusal = "lists " + writer.missingSegments(found) + " segments that are missing";
      }
    }
    PendingBackup resumed = null;
    if (refusal != null) {
      writer.abandonPending(found);
      events.emit(
          "pending-abandoned",
          null,
          "the pending state of backup "
              + writer.backupNumber()
              + " "
              + refusal
              + ": it is abandoned and the backup starts again");
    } else if (found != null) {
      writer.resume(found);
      resumed = found;
      long complete =
          found.objects().stream().filter(PendingBackup.PendingObject::complete).count();
      events.emit(
          "run-resumed",
          null,
          "continuing pending backup "
              + found.backupNumber()
              + " (run "
              + (found.runs() + 1)
              + "): "
              + complete
              + " objects complete, "
              + (found.objects().size() - complete)
              + " in progress, "
              + found.rows()
              + " versions written");
    }
    writer.keepPending(
        options.selection(),
        resumed == null ? now : resumed.createdAt(),
        resumed == null ? 1 : resumed.runs() + 1);
    return new PendingRun(resumed, events);
  }

  /** Whether an earlier run completed this object (this run does not read it again). */
  boolean completedEarlier(String object) {
    return resumed != null
        && resumed.object(object).map(PendingBackup.PendingObject::complete).orElse(false);
  }

  /**
   * Where this object's extraction continues, when an earlier run left it in progress with the same
   * schema and the same query and this run can continue it; empty otherwise: the object starts
   * again and its earlier segments are dropped (an {@code object-restarted} event says why, when
   * there were some).
   *
   * @param continuable whether this run's extraction of the object can be continued at all
   */
  Optional<ResumePoint> resumePoint(
      String object, List<FieldSchema> schema, ExtractionRequest request, boolean continuable) {
    Optional<PendingBackup.PendingObject> o =
        resumed == null ? Optional.empty() : resumed.object(object);
    if (o.isEmpty() || o.get().complete()) {
      return Optional.empty();
    }
    String why = null;
    ResumePoint p = null;
    if (!continuable) {
      why = "this extraction is a full re-read, which starts again";
    } else if (!o.get().schema().equals(schema)) {
      why = "its schema changed since the earlier run";
    } else {
      try {
        p = ResumePoint.decode(o.get().resumePosition());
        if (!p.checkpoint().objectName().equals(object)
            || !p.checkpoint().querySignature().equals(request.signature())) {
          why = "its query changed since the earlier run";
        }
      } catch (IllegalArgumentException e) {
        why = "its resume position is not one this engine reads";
      }
    }
    if (why != null) {
      events.emit("object-restarted", object, "cannot continue: " + why);
      return Optional.empty();
    }
    return Optional.of(p);
  }
}
