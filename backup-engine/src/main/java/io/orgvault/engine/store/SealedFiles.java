package io.orgvault.engine.store;

import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.Hkdf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Sealed files that features beside backups keep in a tenant's volume (a restore's plan and
 * journal): encrypted and authenticated with AES-256-GCM under a key derived from the tenant's data
 * key, bound to their path in the volume, and made visible the way every store file is ({@link
 * DurableFile}). Two shapes: a whole file written once ({@link #write}, {@link #read}) and an
 * append-only log of entries, each fsynced before {@link Log#append} returns. Layout in
 * docs/restore.md, "Files in the volume".
 */
public final class SealedFiles {
  public static final int VERSION = 1;

  static final byte[] FILE_MAGIC = "OVSF".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LOG_MAGIC = "OVSL".getBytes(StandardCharsets.US_ASCII);

  /** magic 4 + version 2 + reserved 2. */
  private static final int HEADER_BYTES = 8;

  /** A log's random identity, so entries of one log cannot be moved into another. */
  private static final int LOG_SALT_BYTES = 16;

  private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
  private static final String SALT = "orgvault/v1/sealed-file";
  private static final String INFO = "orgvault/v1/sealed-file-key";

  private SealedFiles() {}

  /** Whether a sealed file (or log) exists at {@code relative} in the store's volume. */
  public static boolean exists(RecordStore store, String relative) {
    return Files.exists(resolve(store, relative));
  }

  /** Writes {@code body} sealed at {@code relative}; replaces an existing file atomically. */
  public static void write(RecordStore store, String relative, byte[] body) {
    Path target = resolve(store, relative);
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    store.random().nextBytes(nonce);
    byte[] header = header(FILE_MAGIC);
    byte[] key = key(store);
    try {
      byte[] sealed = AesGcm.seal(key, nonce, aad(header, relative, new byte[0], -1), body);
      ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + nonce.length + sealed.length);
      b.put(header).put(nonce).put(sealed);
      Files.createDirectories(target.getParent());
      DurableFile.write(store.options().io(), target, b.array());
    } catch (IOException e) {
      throw new StoreWriteException(target, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The body of a sealed file.
   *
   * @throws StoreException if there is no such file
   * @throws StoreCorruptedException if it is truncated, altered, or sealed for another path or
   *     tenant
   * @throws UnsupportedFormatVersionException if it has another version
   */
  public static byte[] read(RecordStore store, String relative) {
    Path file = resolve(store, relative);
    byte[] all = readAll(file);
    if (all.length < HEADER_BYTES + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
      throw damage(file, DamageKind.TRUNCATED, all.length, "shorter than a sealed file");
    }
    checkHeader(file, all, FILE_MAGIC);
    byte[] key = key(store);
    try {
      return AesGcm.open(
          key,
          Arrays.copyOfRange(all, HEADER_BYTES, HEADER_BYTES + AesGcm.NONCE_BYTES),
          aad(Arrays.copyOf(all, HEADER_BYTES), relative, new byte[0], -1),
          all,
          HEADER_BYTES + AesGcm.NONCE_BYTES,
          all.length - HEADER_BYTES - AesGcm.NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw damage(file, DamageKind.BLOCK_UNREADABLE, HEADER_BYTES, "does not authenticate");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Opens the log at {@code relative}, creating it when absent, and reads its entries. A last entry
   * cut short (a crash during its append, before its fsync returned) is dropped and cut off before
   * the next append; every complete entry must authenticate.
   *
   * @throws StoreCorruptedException if a complete entry is altered, reordered or from another log
   */
  public static Log openLog(RecordStore store, String relative) {
    Path file = resolve(store, relative);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] salt = new byte[LOG_SALT_BYTES];
        store.random().nextBytes(salt);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + LOG_SALT_BYTES);
        b.put(header(LOG_MAGIC)).put(salt);
        DurableFile.write(store.options().io(), file, b.array());
      }
    } catch (IOException e) {
      throw new StoreWriteException(file, e);
    }
    byte[] all = readAll(file);
    if (all.length < HEADER_BYTES + LOG_SALT_BYTES) {
      throw damage(file, DamageKind.TRUNCATED, all.length, "shorter than a sealed log header");
    }
    checkHeader(file, all, LOG_MAGIC);
    byte[] salt = Arrays.copyOfRange(all, HEADER_BYTES, HEADER_BYTES + LOG_SALT_BYTES);
    byte[] header = Arrays.copyOf(all, HEADER_BYTES);
    List<byte[]> entries = new ArrayList<>();
    int pos = HEADER_BYTES + LOG_SALT_BYTES;
    byte[] key = key(store);
    try {
      while (pos < all.length) {
        if (all.length - pos < 4) {
          break;
        }
        int len = ByteBuffer.wrap(all, pos, 4).getInt();
        if (len < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES || len > MAX_ENTRY_BYTES) {
          throw damage(file, DamageKind.BAD_HEADER, pos, "entry length " + len);
        }
        if (all.length - pos - 4 < len) {
          break;
        }
        int start = pos + 4;
        try {
          entries.add(
              AesGcm.open(
                  key,
                  Arrays.copyOfRange(all, start, start + AesGcm.NONCE_BYTES),
                  aad(header, relative, salt, entries.size()),
                  all,
                  start + AesGcm.NONCE_BYTES,
                  len - AesGcm.NONCE_BYTES));
        } catch (AEADBadTagException e) {
          throw damage(
              file, DamageKind.BLOCK_UNREADABLE, pos, "entry " + entries.size() + " altered");
        }
        pos = start + len;
      }
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    return new Log(store, relative, file, header, salt, entries, pos);
  }

  /** An open append-only log. Not thread-safe. */
  public static final class Log {
    private final RecordStore store;
    private final String relative;
    private final Path file;
    private final byte[] header;
    private final byte[] salt;
    private final List<byte[]> entries;
    private long end;

    private Log(
        RecordStore store,
        String relative,
        Path file,
        byte[] header,
        byte[] salt,
        List<byte[]> entries,
        long end) {
      this.store = store;
      this.relative = relative;
      this.file = file;
      this.header = header;
      this.salt = salt;
      this.entries = entries;
      this.end = end;
    }

    /** The entries read at open and appended since, in order. */
    public List<byte[]> entries() {
      return List.copyOf(entries);
    }

    /** Appends one entry and fsyncs it before returning. */
    public void append(byte[] entry) {
      byte[] nonce = new byte[AesGcm.NONCE_BYTES];
      store.random().nextBytes(nonce);
      byte[] key = key(store);
      byte[] sealed;
      try {
        sealed = AesGcm.seal(key, nonce, aad(header, relative, salt, entries.size()), entry);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      ByteBuffer b = ByteBuffer.allocate(4 + nonce.length + sealed.length);
      b.putInt(nonce.length + sealed.length).put(nonce).put(sealed).flip();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        // A torn entry from a crash is cut off first, so the log stays a sequence of entries.
        ch.truncate(end);
        ch.position(end);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(false);
        end = ch.position();
      } catch (IOException e) {
        throw new StoreWriteException(file, e);
      }
      entries.add(entry.clone());
    }
  }

  private static Path resolve(RecordStore store, String relative) {
    if (relative.isEmpty()
        || relative.startsWith("/")
        || relative.contains("\\")
        || Arrays.stream(relative.split("/"))
            .anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals("..") || p.startsWith("."))) {
      throw new IllegalArgumentException("not a relative volume path: " + relative);
    }
    return store.volume().resolve(relative);
  }

  private static byte[] header(byte[] magic) {
    return ByteBuffer.allocate(HEADER_BYTES).put(magic).putShort((short) VERSION).array();
  }

  private static void checkHeader(Path file, byte[] all, byte[] magic) {
    if (!Arrays.equals(Arrays.copyOf(all, 4), magic)) {
      throw damage(file, DamageKind.BAD_HEADER, 0, "bad magic");
    }
    int version = ByteBuffer.wrap(all, 4, 2).getShort() & 0xffff;
    if (version != VERSION) {
      throw new UnsupportedFormatVersionException(file, version, VERSION);
    }
    if (ByteBuffer.wrap(all, 6, 2).getShort() != 0) {
      throw damage(file, DamageKind.BAD_HEADER, 6, "reserved bytes set");
    }
  }

  /** header ‖ u16 path length ‖ path ‖ log salt ‖ u64 entry index (-1 for a whole file). */
  private static byte[] aad(byte[] header, String relative, byte[] salt, long index) {
    byte[] path = relative.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(header.length + 2 + path.length + salt.length + 8)
        .put(header)
        .putShort((short) path.length)
        .put(path)
        .put(salt)
        .putLong(index)
        .array();
  }

  private static byte[] key(RecordStore store) {
    byte[] dek = store.key().material();
    try {
      return Hkdf.derive(
          SALT.getBytes(StandardCharsets.US_ASCII),
          dek,
          INFO.getBytes(StandardCharsets.US_ASCII),
          AesGcm.KEY_BYTES);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new StoreException("no such file in the volume: " + file.getFileName());
    } catch (IOException e) {
      throw new StoreWriteException(file, e);
    }
  }

  private static StoreCorruptedException damage(
      Path file, DamageKind kind, long offset, String detail) {
    return new StoreCorruptedException(file, kind, offset, -1, detail);
  }
}
