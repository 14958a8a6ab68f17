package io.orgvault.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One committed backup: for every object its schema, high-water mark and the list of <em>all</em>
 * segments that make up its state at this backup, each tagged with the backup that wrote it. The
 * state at backup N therefore needs manifest N alone; "what changed after A" is the segments tagged
 * with a later backup.
 *
 * @param previousMac hex MAC of manifest {@code backupNumber - 1}, null for the first backup
 * @param mac hex MAC of this manifest's bytes (not part of the JSON body)
 */
public record Manifest(
    long backupNumber,
    String tenantId,
    String orgId,
    Instant createdAt,
    String previousMac,
    List<ObjectEntry> objects,
    String mac) {

  public Manifest {
    objects = List.copyOf(objects);
  }

  /**
   * One object in a backup.
   *
   * @param highWaterMark SystemModstamp (epoch ms) the next incremental backup starts from
   * @param changedRows versions (upserts and tombstones) this backup wrote for the object
   * @param changedTombstones of which tombstones
   * @param describe relationships and field rules from describe; null when the backup that wrote
   *     the entry did not record them (manifests written before they were)
   */
  public record ObjectEntry(
      String name,
      List<FieldSchema> schema,
      long highWaterMark,
      long changedRows,
      long changedTombstones,
      List<SegmentEntry> segments,
      ObjectDescribe describe) {
    public ObjectEntry {
      schema = List.copyOf(schema);
      segments = List.copyOf(segments);
    }

    /** An entry without describe attributes. */
    public ObjectEntry(
        String name,
        List<FieldSchema> schema,
        long highWaterMark,
        long changedRows,
        long changedTombstones,
        List<SegmentEntry> segments) {
      this(name, schema, highWaterMark, changedRows, changedTombstones, segments, null);
    }

    public Optional<ObjectDescribe> describeIfRecorded() {
      return Optional.ofNullable(describe);
    }
  }

  /**
   * One segment of an object, in the order written.
   *
   * @param backup the backup that wrote the segment
   * @param rows versions in the segment, tombstones included
   */
  public record SegmentEntry(
      SegmentId id,
      long backup,
      long rows,
      long tombstones,
      String minId,
      String maxId,
      long minModstamp,
      long maxModstamp,
      long bytes) {}

  public Optional<ObjectEntry> object(String name) {
    return objects.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /**
   * What this backup itself wrote: versions and tombstones it stored, and the bytes of the segments
   * tagged with its number (segments carried over from earlier backups are not counted).
   */
  public record Totals(long rows, long tombstones, long bytes) {}

  public Totals totals() {
    long rows = 0;
    long tombstones = 0;
    long bytes = 0;
    for (ObjectEntry o : objects) {
      rows += o.changedRows();
      tombstones += o.changedTombstones();
      for (SegmentEntry seg : o.segments()) {
        if (seg.backup() == backupNumber) {
          bytes += seg.bytes();
        }
      }
    }
    return new Totals(rows, tombstones, bytes);
  }
}
