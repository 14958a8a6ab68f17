package io.orgvault.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backup that runs stopped before committing (an API allowance spent, a crash) and that the next
 * run continues: the segments written so far, which objects are complete, and for each object in
 * progress an opaque resume position chosen by the backup job. Sealed on disk with the data key
 * (see docs/store-format.md, "Pending backup"); nothing of it is visible to readers until the
 * backup commits.
 *
 * @param backupNumber the number the backup commits as: the latest committed backup + 1
 * @param previousMac hex MAC of the manifest it builds on, null when there is none
 * @param createdAt when the first run of this backup started
 * @param updatedAt when this state was written
 * @param runs runs that have worked on this backup, the one that wrote this state included
 * @param selection the job's description of which objects it backs up (opaque to the store)
 */
public record PendingBackup(
    long backupNumber,
    String orgId,
    String previousMac,
    Instant createdAt,
    Instant updatedAt,
    int runs,
    String selection,
    List<PendingObject> objects) {

  public PendingBackup {
    objects = List.copyOf(objects);
  }

  public Optional<PendingObject> object(String name) {
    return objects.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /** Segments written so far, over all objects. */
  public long segmentCount() {
    return objects.stream().mapToLong(o -> o.segments().size()).sum();
  }

  /** Versions (rows and tombstones) written so far, over all objects. */
  public long rows() {
    return objects.stream().mapToLong(PendingObject::rows).sum();
  }

  /** Segment bytes written so far. */
  public long bytes() {
    return objects.stream()
        .flatMap(o -> o.segments().stream())
        .mapToLong(Manifest.SegmentEntry::bytes)
        .sum();
  }

  /**
   * One object of a pending backup.
   *
   * @param complete true when its rows are all written: the next run does not read it again
   * @param highWaterMark for a complete object, the mark its manifest entry gets
   * @param segments its segments so far, in the order written (tagged with {@code backupNumber})
   * @param resumePosition for an object in progress, where its extraction continues (the job's
   *     encoding); null for a complete object
   */
  public record PendingObject(
      String name,
      List<FieldSchema> schema,
      boolean complete,
      long highWaterMark,
      List<Manifest.SegmentEntry> segments,
      String resumePosition) {
    public PendingObject {
      schema = List.copyOf(schema);
      segments = List.copyOf(segments);
      if (!complete && resumePosition == null) {
        throw new IllegalArgumentException(name + " is in progress but has no resume position");
      }
    }

    public long rows() {
      return segments.stream().mapToLong(Manifest.SegmentEntry::rows).sum();
    }

    public long tombstones() {
      return segments.stream().mapToLong(Manifest.SegmentEntry::tombstones).sum();
    }
  }
}
