package io.orgvault.audit.syslog;

/** A place in a {@link DiskQueue}: a segment number and a byte offset in it. */
public record QueuePosition(long segment, long offset) implements Comparable<QueuePosition> {
  @Override
  public int compareTo(QueuePosition o) {
    int c = Long.compare(segment, o.segment);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }
}
