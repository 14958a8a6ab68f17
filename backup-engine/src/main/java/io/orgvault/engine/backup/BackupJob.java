package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.RunStoppedException;
import io.orgvault.engine.salesforce.SObjectDescription;
import io.orgvault.engine.salesforce.SObjectSummary;
import io.orgvault.engine.salesforce.SalesforceApiException;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One backup run of one org into one store: every selected queryable object, fully the first time
 * (or when the object is new), then incrementally from the previous high-water mark minus an
 * overlap window, deletions as tombstones, file bodies into the store's blobs, and one manifest
 * commit at the end. Objects are backed up {@linkplain BackupOptions#parallelism() several at a
 * time}, file bodies read concurrently. A run that stops (API allowance spent, a failure, a crash)
 * commits nothing: the previous backup stays the latest. What it wrote stays as a pending backup
 * ({@link PendingRun}) that the next run continues: complete objects are not read again, each
 * object that was under way continues from its own last saved checkpoint (a full re-read of an
 * object the previous backup holds starts again).
 *
 * <p>The high-water mark of every object extracted is the server time read <em>before</em>
 * extraction started, so rows changed while the run was under way are read again next time.
 */
public final class BackupJob {
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
    RunProgress events = new RunProgress(progress, client.budget());
    events.emit("run-started", null, 0, -1, 0, null);
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
              (type, object, detail) -> events.emit(type, object, 0, -1, 0, detail));
      start = client.serverTimestamp();
      List<ObjectSlot> slots = new ArrayList<>();
      for (SObjectSummary s : client.describeGlobal()) {
        if (!options.selects(s.name())) {
          continue;
        }
        if (pending.completedEarlier(s.name())) {
          events.emit(
              "object-done", s.name(), 0, -1, 0, "completed by an earlier run of this backup");
          continue;
        }
        String skip =
            !s.queryable()
                ? SkippedObject.NOT_QUERYABLE
                : s.deprecatedAndHidden() ? SkippedObject.DEPRECATED : null;
        if (skip != null) {
          events.emit("object-skipped", s.name(), 0, -1, 0, skip);
        }
        slots.add(new ObjectSlot(s, skip));
      }
      writer.concurrentObjects(options.parallelism());
      try (BodyDownloads bodies = new BodyDownloads(client, writer, options.bodyDownloads())) {
        RunStop stop = new RunStop();
        ObjectBackup.Run shared =
            new ObjectBackup.Run(
                client, writer, options, before, start, events, bodies, pending, stop);
        // A stop on one thread winds the others down: each leaves its object resumable.
        List<ObjectSlot.Done> done =
            new ObjectPool(options.parallelism())
                .runAll(
                    slots,
                    slot -> slot.backUp(shared, previous),
                    e -> e instanceof RunStoppedException,
                    e -> stop.request((RunStoppedException) e));
        for (ObjectSlot.Done d : done) {
          d.addTo(outcomes, skipped);
        }
      }
      Manifest m = writer.commit();
      BackupResult r =
          new BackupResult(
              OptionalLong.of(m.backupNumber()), outcomes, skipped, calls(), start, null, false);
      events.emit("run-committed", null, r.rowsWritten(), -1, 0, "backup " + m.backupNumber());
      return r;
    } catch (RunStoppedException stop) {
      // Every object thread has ended (each object under way left its resume position), and
      // closing the writer above kept what the pending state references and removed the rest:
      // nothing is committed.
      String reason = stop.getClass().getSimpleName() + ": " + stop.getMessage();
      events.emit("run-stopped", null, 0, -1, 0, reason);
      boolean kept = open != null && open.pendingKept();
      if (kept) {
        events.emit("run-pending", null, 0, -1, 0, PENDING_NOTE);
      }
      return new BackupResult(
          OptionalLong.empty(), outcomes, skipped, calls(), start, reason, kept);
    } catch (RuntimeException e) {
      events.emit(
          "run-failed", null, 0, -1, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  /**
   * One object of describeGlobal's list, in its order: skipped at once, or described and backed up
   * by a thread of the pool.
   */
  private record ObjectSlot(SObjectSummary summary, String skip) {
    /** What became of one object: an outcome, skip notes, or both. */
    record Done(ObjectOutcome outcome, List<SkippedObject> skipped) {
      void addTo(List<ObjectOutcome> outcomes, List<SkippedObject> skips) {
        if (outcome != null) {
          outcomes.add(outcome);
        }
        skips.addAll(skipped);
      }
    }

    Done backUp(ObjectBackup.Run run, Manifest previous) {
      String name = summary.name();
      if (skip != null) {
        return new Done(null, List.of(new SkippedObject(name, skip)));
      }
      run.stop().check(); // the run stopped before this object's turn came
      SObjectDescription d;
      try {
        d = run.client().describe(name);
      } catch (SalesforceApiException e) {
        String reason = "skipped: describe failed: " + e.getMessage();
        run.progress().emit("object-skipped", name, 0, -1, 0, reason);
        return new Done(null, List.of(new SkippedObject(name, reason)));
      }
      Optional<Manifest.ObjectEntry> prior =
          previous == null ? Optional.empty() : previous.object(d.name());
      ObjectOutcome o = new ObjectBackup(run, d, summary.replicateable(), prior).run();
      List<SkippedObject> notes = new ArrayList<>();
      if (o.failure() != null) {
        notes.add(new SkippedObject(d.name(), o.failure()));
      }
      if ("REST".equals(o.method()) && !run.client().bulkQueryable(d.name())) {
        notes.add(new SkippedObject(d.name(), SkippedObject.NOT_IN_BULK));
      }
      return new Done(o, notes);
    }
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
}
