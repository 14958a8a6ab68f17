package io.orgvault.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
   * @param liveRecords the object's live records at this backup, or {@link #LIVE_NOT_RECORDED} when
   *     the backup could not count them (see docs/store-format.md, Manifests)
   */
  public record ObjectEntry(
      String name,
      List<FieldSchema> schema,
      long highWaterMark,
      long changedRows,
      long changedTombstones,
      List<SegmentEntry> segments,
      ObjectDescribe describe,
      long liveRecords) {
    /** {@link #liveRecords} of an entry whose backup did not count them. */
    public static final long LIVE_NOT_RECORDED = -1;

    public ObjectEntry {
      schema = List.copyOf(schema);
      segments = List.copyOf(segments);
      if (liveRecords < LIVE_NOT_RECORDED) {
        throw new IllegalArgumentException("live record count " + liveRecords);
      }
    }

    /** An entry without a live record count. */
    public ObjectEntry(
        String name,
        List<FieldSchema> schema,
        long highWaterMark,
        long changedRows,
        long changedTombstones,
        List<SegmentEntry> segments,
        ObjectDescribe describe) {
      this(
          name,
          schema,
          highWaterMark,
          changedRows,
          changedTombstones,
          segments,
          describe,
          LIVE_NOT_RECORDED);
    }

    /** The live record count, if the backup recorded it. */
    public OptionalLong liveRecordsIfRecorded() {
      return liveRecords == LIVE_NOT_RECORDED ? OptionalLong.empty() : OptionalLong.of(liveRecords);
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
