package io.orgvault.engine.backup;

import io.orgvault.engine.crypto.AesGcm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import javax.crypto.AEADBadTagException;

/**
 * Record Ids in any number, given in any order, read back sorted (String order, as the store's
 * segments are) and without duplicates, with bounded memory: up to {@link #RUN_IDS} Ids are held
 * and sorted on the heap; beyond that each sorted run is spilled to a temporary file, and reading
 * merges the runs. So an Id sweep of an object of any size costs a fixed amount of heap.
 *
 * <p>Spill files hold Ids of the tenant's org, so they are sealed: blocks of up to {@link
 * #BLOCK_IDS} Ids, each encrypted with AES-256-GCM under a key made for this instance and kept in
 * memory only (the nonce is the run and block number, never reused under that key). A spill file
 * that is altered fails authentication, and one cut short misses blocks counted on the heap: either
 * way the sweep fails rather than tombstoning records that exist. Files are owner-only and deleted
 * on {@link #close()}.
 *
 * <p>Spill format (not part of the store): per block, {@code u32 sealed length} then the sealed
 * bytes; a block's plaintext is its Ids as {@code u8 length, ASCII bytes}. The run and block
 * numbers are the associated data.
 */
final class SortedIds implements AutoCloseable {
  /** Ids sorted on the heap before a run is spilled (about 6.5 MB of Strings at 18 chars). */
  static final int RUN_IDS = 100_000;

  /** Ids per sealed block of a spill file. */
  static final int BLOCK_IDS = 4_096;

  private static final int MAX_ID_CHARS = 255;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int runIds;
  private final byte[] key = new byte[AesGcm.KEY_BYTES];
  private final List<Path> runs = new ArrayList<>();
  private final List<Integer> runBlocks = new ArrayList<>();
  private final List<Closeable> open = new ArrayList<>();
  private String[] buffer;
  private int size;
  private boolean reading;

  SortedIds() {
    this(RUN_IDS);
  }

  SortedIds(int runIds) {
    if (runIds < 1) {
      throw new IllegalArgumentException("a run holds at least one Id");
    }
    this.runIds = runIds;
    this.buffer = new String[Math.min(runIds, 1024)];
    RANDOM.nextBytes(key);
  }

  void add(String id) {
    if (reading) {
      throw new IllegalStateException("Ids are being read already");
    }
    if (id.isEmpty() || id.length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException("not a record Id");
    }
    if (size == buffer.length) {
      if (size < runIds) {
        buffer = Arrays.copyOf(buffer, Math.min(runIds, size * 2));
      } else {
        spill();
      }
    }
    buffer[size++] = id;
  }

  /** Spill files written so far (for tests and figures). */
  int spilledRuns() {
    return runs.size();
  }

  /** Every Id added, sorted, each once. Call once, after the last {@link #add}. */
  Iterator<String> sorted() {
    if (reading) {
      throw new IllegalStateException("Ids can be read once");
    }
    reading = true;
    Arrays.sort(buffer, 0, size);
    List<Iterator<String>> sources = new ArrayList<>();
    sources.add(Arrays.asList(buffer).subList(0, size).iterator());
    for (int i = 0; i < runs.size(); i++) {
      RunReader r = new RunReader(runs.get(i), i);
      open.add(r);
      sources.add(r);
    }
    return new Merge(sources);
  }

  private void spill() {
    Arrays.sort(buffer, 0, size);
    int run = runs.size();
    Path file;
    try {
      file =
          Files.createTempFile(
              "orgvault-ids-",
              ".spill",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      file = createPlainTemp();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill file for an Id sweep", e);
    }
    runs.add(file);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      ByteBuffer plain = ByteBuffer.allocate(BLOCK_IDS * (MAX_ID_CHARS + 1));
      int block = 0;
      for (int i = 0; i < size; i++) {
        byte[] id = buffer[i].getBytes(StandardCharsets.US_ASCII);
        plain.put((byte) id.length).put(id);
        if ((i + 1) % BLOCK_IDS == 0 || i == size - 1) {
          byte[] sealed =
              AesGcm.seal(
                  key, nonce(run, block), nonce(run, block), plain.array(), 0, plain.position());
          out.writeInt(sealed.length);
          out.write(sealed);
          plain.clear();
          block++;
        }
      }
      runBlocks.add(block);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a spill file for an Id sweep", e);
    }
    Arrays.fill(buffer, null);
    size = 0;
  }

  private static Path createPlainTemp() {
    try {
      return Files.createTempFile("orgvault-ids-", ".spill");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill file for an Id sweep", e);
    }
  }

  private static byte[] nonce(int run, int block) {
    return ByteBuffer.allocate(AesGcm.NONCE_BYTES).putInt(0).putInt(run).putInt(block).array();
  }

  @Override
  public void close() {
    for (Closeable c : open) {
      c.close();
    }
    for (Path p : runs) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A temporary file; its content is sealed under a key that is gone with this instance.
      }
    }
    Arrays.fill(key, (byte) 0);
    buffer = new String[0];
    size = 0;
  }

  private interface Closeable {
    void close();
  }

  /** One spilled run, block by block. */
  private final class RunReader implements Iterator<String>, Closeable {
    private final DataInputStream in;
    private final int run;
    private int block;
    private byte[] plain = new byte[0];
    private int pos;

    RunReader(Path file, int run) {
      this.run = run;
      try {
        InputStream raw = Files.newInputStream(file);
        this.in = new DataInputStream(new BufferedInputStream(raw));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a spill file of an Id sweep", e);
      }
    }

    @Override
    public boolean hasNext() {
      if (pos < plain.length) {
        return true;
      }
      try {
        int length;
        if (block == runBlocks.get(run)) {
          return false;
        }
        try {
          length = in.readInt();
        } catch (EOFException end) {
          // Blocks are counted on the heap: a file cut short must not read as fewer Ids.
          throw new IllegalStateException("a spill file of an Id sweep was cut short", end);
        }
        byte[] sealed = new byte[length];
        in.readFully(sealed);
        plain = AesGcm.open(key, nonce(run, block), nonce(run, block), sealed);
        pos = 0;
        block++;
        return plain.length > 0;
      } catch (AEADBadTagException e) {
        throw new IllegalStateException("a spill file of an Id sweep was altered", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a spill file of an Id sweep", e);
      }
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int n = plain[pos] & 0xFF;
      String id = new String(plain, pos + 1, n, StandardCharsets.US_ASCII);
      pos += 1 + n;
      return id;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
  }

  /** K-way merge of sorted sources, equal Ids once. */
  private static final class Merge implements Iterator<String> {
    private record Head(String id, Iterator<String> source) {}

    private final PriorityQueue<Head> heads =
        new PriorityQueue<>((a, b) -> a.id().compareTo(b.id()));
    private String last;
    private String next;

    Merge(List<Iterator<String>> sources) {
      for (Iterator<String> s : sources) {
        if (s.hasNext()) {
          heads.add(new Head(s.next(), s));
        }
      }
      advance();
    }

    private void advance() {
      next = null;
      while (!heads.isEmpty()) {
        Head h = heads.poll();
        if (h.source().hasNext()) {
          heads.add(new Head(h.source().next(), h.source()));
        }
        if (!h.id().equals(last)) {
          last = h.id();
          next = h.id();
          return;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public String next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String n = next;
      advance();
      return n;
    }
  }
}
