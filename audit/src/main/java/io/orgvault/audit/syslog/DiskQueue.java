package io.orgvault.audit.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A bounded, persistent FIFO of byte records in a directory of append-only segment files ({@code
 * 00000000000000000001.seg} ...). Each record is {@code length i32 | CRC32C i32 | bytes}. A {@code
 * cursor} file (replaced atomically) holds the position up to which records were delivered;
 * segments wholly before it are deleted. On open, a torn record at the end of the last segment (a
 * crash mid-write) is cut off; everything before it is kept.
 *
 * <p>Bounded: when accepting a record would take the undelivered bytes past the limit, {@link
 * #offer} refuses it and counts the refusal; it never drops a record already accepted. One process
 * at a time: the directory is locked while open.
 */
public final class DiskQueue implements Closeable {
  private static final int HEADER = 8;
  private static final String SUFFIX = ".seg";

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final FsyncPolicy fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final AtomicLong refused = new AtomicLong();

  private QueuePosition acked;
  private long writeSegment;
  private long writeOffset;
  private FileChannel writer;
  private long firstSegment;
  private long usedBytes;
  private boolean closed;

  // Group commit: records written since open, and up to which they are known durable.
  private final Object syncLock = new Object();
  private long written;
  private long durable;
  private long synced;

  private DiskQueue(Path dir, long maxBytes, long segmentBytes, FsyncPolicy fsync)
      throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    this.fsync = fsync;
    Files.createDirectories(dir);
    this.lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new IOException("the syslog queue " + dir + " is in use by another shipper");
    }
    this.lock = l;
  }

  /**
   * Opens (or creates) the queue in {@code dir}, recovering from a crash.
   *
   * @param maxBytes the most undelivered bytes held; beyond it records are refused
   * @param segmentBytes the size at which a new segment file is started
   */
  public static DiskQueue open(Path dir, long maxBytes, long segmentBytes, FsyncPolicy fsync)
      throws IOException {
    if (maxBytes <= 0 || segmentBytes <= HEADER) {
      throw new IllegalArgumentException("queue limits must be positive");
    }
    DiskQueue q = new DiskQueue(dir, maxBytes, segmentBytes, fsync);
    try {
      q.recover();
    } catch (IOException | RuntimeException e) {
      q.close();
      throw e;
    }
    return q;
  }

  private void recover() throws IOException {
    TreeSet<Long> segs = segments();
    acked = readCursor().orElse(new QueuePosition(segs.isEmpty() ? 1 : segs.first(), 0));
    // Segments before the cursor were delivered; a crash may have left them behind.
    for (long s : segs.headSet(acked.segment())) {
      Files.deleteIfExists(segment(s));
    }
    segs = new TreeSet<>(segs.tailSet(acked.segment()));
    writeSegment = segs.isEmpty() ? acked.segment() : segs.last();
    writeOffset = validLength(segment(writeSegment));
    if (acked.compareTo(new QueuePosition(writeSegment, writeOffset)) > 0) {
      // Delivered records that never reached the disk (a power loss under OS_CACHE, or before a
      // group fsync): they were sent; carry on in a fresh segment after the cursor.
      for (long s : segs) {
        Files.deleteIfExists(segment(s));
      }
      segs.clear();
      writeSegment = acked.segment() + 1;
      writeOffset = 0;
      acked = new QueuePosition(writeSegment, 0);
      writeCursor(acked);
    }
    writer =
        FileChannel.open(
            segment(writeSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    writer.truncate(writeOffset);
    writer.position(writeOffset);
    writer.force(true);
    firstSegment = acked.segment();
    usedBytes = 0;
    for (long s : segs) {
      usedBytes += s == writeSegment ? writeOffset : Files.size(segment(s));
    }
    usedBytes -= acked.offset();
  }

  /**
   * Appends a record; false (and counted) if it would exceed the limit. The record is durable per
   * the fsync policy when this returns true.
   */
  public boolean offer(byte[] record) throws IOException {
    long mine = append(record);
    if (mine < 0) {
      return false;
    }
    if (fsync == FsyncPolicy.EVERY_RECORD) {
      syncUpTo(mine);
    }
    return true;
  }

  /** Writes the record; its number (1, 2, ... since open), or -1 if refused. */
  private synchronized long append(byte[] record) throws IOException {
    ensureOpen();
    long size = HEADER + record.length;
    if (usedBytes + size > maxBytes) {
      refused.incrementAndGet();
      return -1;
    }
    if (writeOffset > 0 && writeOffset + size > segmentBytes) {
      writer.force(true);
      durable = written;
      writer.close();
      writeSegment++;
      writeOffset = 0;
      writer =
          FileChannel.open(
              segment(writeSegment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    CRC32C crc = new CRC32C();
    crc.update(record);
    buf.putInt(record.length).putInt((int) crc.getValue()).put(record).flip();
    while (buf.hasRemaining()) {
      writer.write(buf);
    }
    writeOffset += size;
    usedBytes += size;
    notifyAll();
    return ++written;
  }

  /**
   * Group commit: one fsync covers every record written before it started, so concurrent offers
   * share fsyncs instead of queueing for one each. Records may be read (and delivered) before they
   * are durable; a crash then loses only records already sent.
   */
  private void syncUpTo(long mine) throws IOException {
    synchronized (syncLock) {
      if (synced >= mine) {
        return;
      }
      long target;
      FileChannel ch;
      synchronized (this) {
        target = written;
        ch = writer;
      }
      try {
        ch.force(false);
      } catch (ClosedChannelException e) {
        // Rotated or closed meanwhile: that forced the channel before closing it.
        synchronized (this) {
          if (durable < target) {
            throw e;
          }
        }
      }
      synced = target;
    }
  }

  /** Records from a position on, in order; waits up to {@code waitMillis} for the first one. */
  public synchronized Batch read(QueuePosition from, int maxRecords, long waitMillis)
      throws IOException, InterruptedException {
    ensureOpen();
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (!closed && atEnd(from)) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return new Batch(List.of(), from);
      }
      wait(left);
    }
    ensureOpen();
    List<byte[]> out = new ArrayList<>();
    QueuePosition pos = from;
    while (out.size() < maxRecords && !atEnd(pos)) {
      long end = pos.segment() == writeSegment ? writeOffset : Files.size(segment(pos.segment()));
      if (pos.offset() >= end) {
        pos = new QueuePosition(pos.segment() + 1, 0);
        continue;
      }
      try (FileChannel ch = FileChannel.open(segment(pos.segment()), StandardOpenOption.READ)) {
        long off = pos.offset();
        while (out.size() < maxRecords && off < end) {
          byte[] rec = readRecord(ch, off, end);
          if (rec == null) {
            throw new IOException(
                "corrupt record in syslog queue segment " + segment(pos.segment()) + " at " + off);
          }
          out.add(rec);
          off += HEADER + rec.length;
        }
        pos = new QueuePosition(pos.segment(), off);
      }
    }
    return new Batch(out, pos);
  }

  private boolean atEnd(QueuePosition p) {
    return p.segment() > writeSegment || (p.segment() == writeSegment && p.offset() >= writeOffset);
  }

  /**
   * Marks everything before {@code upTo} delivered: the cursor is replaced atomically and forced,
   * then segments wholly delivered are deleted.
   */
  public synchronized void ack(QueuePosition upTo) throws IOException {
    ensureOpen();
    if (upTo.compareTo(acked) <= 0) {
      return;
    }
    long freed = 0;
    for (long s = acked.segment(); s < upTo.segment(); s++) {
      freed += Files.size(segment(s));
    }
    freed += upTo.offset() - acked.offset();
    writeCursor(upTo);
    acked = upTo;
    usedBytes -= freed;
    for (long s = firstSegment; s < upTo.segment(); s++) {
      Files.deleteIfExists(segment(s));
    }
    firstSegment = upTo.segment();
  }

  public synchronized QueuePosition acked() {
    return acked;
  }

  /** Bytes accepted and not yet delivered (headers included). */
  public synchronized long usedBytes() {
    return usedBytes;
  }

  /** Records refused because the queue was full, since open. */
  public long refused() {
    return refused.get();
  }

  /** Wakes a reader waiting in {@link #read}, e.g. to stop it. */
  public synchronized void wakeUp() {
    notifyAll();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    notifyAll();
    try {
      if (writer != null) {
        writer.force(true);
        durable = written;
        writer.close();
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the syslog queue " + dir + " is closed");
    }
  }

  private static byte[] readRecord(FileChannel ch, long off, long end) throws IOException {
    if (off + HEADER > end) {
      return null;
    }
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    readFully(ch, h, off);
    h.flip();
    int len = h.getInt();
    int crc = h.getInt();
    if (len < 0 || off + HEADER + len > end) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(len);
    readFully(ch, b, off + HEADER);
    CRC32C c = new CRC32C();
    c.update(b.array());
    return (int) c.getValue() == crc ? b.array() : null;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long off) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b, off + b.position()) < 0) {
        throw new IOException("unexpected end of a syslog queue segment");
      }
    }
  }

  /** The length of the segment's valid prefix: whole records whose CRC matches. */
  private static long validLength(Path seg) throws IOException {
    if (!Files.exists(seg)) {
      return 0;
    }
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
      long end = ch.size();
      long off = 0;
      byte[] rec;
      while ((rec = readRecord(ch, off, end)) != null) {
        off += HEADER + rec.length;
      }
      return off;
    }
  }

  private TreeSet<Long> segments() throws IOException {
    TreeSet<Long> out = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        out.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
      }
    }
    return out;
  }

  private Path segment(long n) {
    return dir.resolve(String.format("%020d%s", n, SUFFIX));
  }

  private java.util.Optional<QueuePosition> readCursor() throws IOException {
    Path f = dir.resolve("cursor");
    if (!Files.exists(f)) {
      return java.util.Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
    if (b.remaining() != 20) {
      throw new IOException("the syslog queue cursor " + f + " is damaged (wrong length)");
    }
    long seg = b.getLong();
    long off = b.getLong();
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 16);
    if ((int) c.getValue() != b.getInt()) {
      throw new IOException("the syslog queue cursor " + f + " is damaged (checksum)");
    }
    return java.util.Optional.of(new QueuePosition(seg, off));
  }

  private void writeCursor(QueuePosition p) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(20).putLong(p.segment()).putLong(p.offset());
    CRC32C c = new CRC32C();
    c.update(b.array(), 0, 16);
    b.putInt((int) c.getValue()).flip();
    Path tmp = dir.resolve("cursor.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, dir.resolve("cursor"), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** Records read and the position after the last of them. */
  public record Batch(List<byte[]> records, QueuePosition next) {}
}
