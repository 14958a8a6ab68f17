package io.orgvault.engine.store;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.DataKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;

/**
 * File bodies, content-addressed: a body is cut into fixed-size chunks of {@link #CHUNK_BYTES};
 * each chunk is named by HMAC-SHA256(blob-id key, chunk), stored once under {@code blobs/<first 2
 * hex>/<64 hex>} compressed (when that helps) and sealed, and shared by every body and backup that
 * contains it.
 *
 * <p>Fixed-size rather than content-defined chunking: Salesforce file bodies are replaced whole (a
 * new ContentVersion, a new Attachment), so the duplicates worth finding are identical files and
 * identical prefixes, which fixed chunks find; content-defined chunking pays off for bytes inserted
 * mid-file, which this workload rarely has. A later format version can add it.
 *
 * <p>Thread-safe: several bodies may be written at once. Two writers of the same new chunk each
 * write their own temporary file and rename it to the same name; both files are complete and valid
 * (equal content, each with its own nonce), so whichever rename lands last is kept.
 */
public final class BlobStore {
  /** Chunk size: 1 MiB bounds memory per stream and keeps a reference small (32 bytes/MiB). */
  public static final int CHUNK_BYTES = 1024 * 1024;

  static final byte[] MAGIC = "OVCK".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** magic 4 + version 2 + flags 1 + reserved 1 + plain length 4 + chunk id 32 + nonce 12. */
  static final int HEADER_BYTES = 56;

  /** The buffer a body is first read into; it doubles up to a chunk while the body has more. */
  static final int FIRST_READ_BYTES = 64 * 1024;

  static final int FLAG_ZSTD = 1;
  static final int ZSTD_LEVEL = 3;

  private final Path dir;
  private final DataKey key;
  private final StorageIo io;
  private final SecureRandom random;
  private final AtomicLong chunksStored = new AtomicLong();
  private final AtomicLong chunksDeduplicated = new AtomicLong();

  BlobStore(Path dir, DataKey key, StorageIo io, SecureRandom random) {
    this.dir = dir;
    this.key = key;
    this.io = io;
    this.random = random;
  }

  /** Chunks written since this store was opened. */
  public long chunksStored() {
    return chunksStored.get();
  }

  /** Chunks found already stored (deduplicated) since this store was opened. */
  public long chunksDeduplicated() {
    return chunksDeduplicated.get();
  }

  Path chunkPath(ContentId id) {
    String hex = id.hex();
    return dir.resolve(hex.substring(0, 2)).resolve(hex);
  }

  /**
   * Stores {@code body}, streaming, and returns the reference a row holds. Chunks already stored
   * are not written again.
   *
   * @throws StoreWriteException if a chunk cannot be written (nothing is committed by this call)
   */
  public BlobRef write(InputStream body) throws IOException {
    Mac bodyMac = key.blobIdMac();
    List<ContentId> chunks = new ArrayList<>();
    long length = 0;
    ChunkBuffer buf = new ChunkBuffer();
    try {
      while (true) {
        int n = buf.fill(body);
        if (n == 0) {
          break;
        }
        bodyMac.update(buf.bytes, 0, n);
        length += n;
        Mac chunkMac = key.blobIdMac();
        chunkMac.update(buf.bytes, 0, n);
        ContentId id = ContentId.of(chunkMac.doFinal());
        storeChunk(id, buf.bytes, n);
        chunks.add(id);
        if (n < CHUNK_BYTES) {
          break;
        }
      }
    } finally {
      Arrays.fill(buf.bytes, (byte) 0);
    }
    return new BlobRef(ContentId.of(bodyMac.doFinal()), length, chunks);
  }

  /**
   * One chunk's worth of a body, read into an array that starts at {@link #FIRST_READ_BYTES} and
   * doubles (up to {@link #CHUNK_BYTES}) only while the body has more: most file bodies are far
   * smaller than a chunk, and a 1 MiB array per body was most of a backup's allocation (on a small
   * heap, each one a humongous object that only a full collection frees).
   */
  private static final class ChunkBuffer {
    byte[] bytes = new byte[FIRST_READ_BYTES];

    /** Reads up to one chunk from the start of the array; returns how many bytes it holds. */
    int fill(InputStream body) throws IOException {
      int n = 0;
      while (true) {
        n += body.readNBytes(bytes, n, bytes.length - n);
        if (n < bytes.length || bytes.length == CHUNK_BYTES) {
          return n;
        }
        byte[] bigger = Arrays.copyOf(bytes, Math.min(CHUNK_BYTES, bytes.length * 2));
        Arrays.fill(bytes, (byte) 0);
        bytes = bigger;
      }
    }
  }

  private void storeChunk(ContentId id, byte[] plain, int length) {
    Path target = chunkPath(id);
    if (Files.exists(target)) {
      chunksDeduplicated.incrementAndGet();
      return;
    }
    byte[] compressed = Zstd.compress(Arrays.copyOf(plain, length), ZSTD_LEVEL);
    boolean useZstd = compressed.length < length;
    byte[] payload = useZstd ? compressed : Arrays.copyOf(plain, length);
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] header =
        new ByteWriter(HEADER_BYTES)
            .bytes(MAGIC)
            .u16(VERSION)
            .u8(useZstd ? FLAG_ZSTD : 0)
            .u8(0)
            .u32(length)
            .bytes(id.bytes())
            .bytes(nonce)
            .toByteArray();
    byte[] chunkKey = key.chunkKey(id.bytes());
    byte[] sealed;
    try {
      sealed = AesGcm.seal(chunkKey, nonce, header, payload);
    } finally {
      Arrays.fill(chunkKey, (byte) 0);
    }
    Path fanout = target.getParent();
    try {
      if (!Files.isDirectory(fanout)) {
        Files.createDirectories(fanout);
        io.syncDirectory(dir);
      }
    } catch (IOException e) {
      throw new StoreWriteException(fanout, e);
    }
    DurableFile.write(
        io,
        target,
        new ByteWriter(header.length + sealed.length).bytes(header).bytes(sealed).toByteArray());
    chunksStored.incrementAndGet();
  }

  /**
   * Reads, authenticates and checks one chunk.
   *
   * @throws StoreCorruptedException naming the file and what is wrong with it
   */
  byte[] readChunk(ContentId id) {
    Path file = chunkPath(id);
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new StoreCorruptedException(file, DamageKind.MISSING_FILE, -1, -1, "chunk missing");
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (all.length < HEADER_BYTES + AesGcm.TAG_BYTES) {
      throw new StoreCorruptedException(
          file, DamageKind.TRUNCATED, all.length, -1, "shorter than a chunk header and tag");
    }
    ByteReader h = new ByteReader(all, 0, HEADER_BYTES);
    int flags;
    long plainLength;
    try {
      if (!Arrays.equals(h.bytes(4), MAGIC)) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 0, -1, "bad magic");
      }
      int version = h.u16();
      if (version != VERSION) {
        throw new UnsupportedFormatVersionException(file, version, VERSION);
      }
      flags = h.u8();
      int reserved = h.u8();
      plainLength = h.u32();
      byte[] storedId = h.bytes(ContentId.BYTES);
      if ((flags & ~FLAG_ZSTD) != 0 || reserved != 0) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 6, -1, "unknown flags");
      }
      if (plainLength > CHUNK_BYTES) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_HEADER, 8, -1, "chunk length over the maximum");
      }
      if (!MessageDigest.isEqual(storedId, id.bytes())) {
        throw new StoreCorruptedException(
            file, DamageKind.BAD_HEADER, 12, -1, "chunk id differs from the file name");
      }
    } catch (ByteReader.Malformed e) {
      throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 0, -1, e.getMessage());
    }
    byte[] header = Arrays.copyOf(all, HEADER_BYTES);
    byte[] nonce = Arrays.copyOfRange(all, HEADER_BYTES - AesGcm.NONCE_BYTES, HEADER_BYTES);
    byte[] chunkKey = key.chunkKey(id.bytes());
    byte[] plain;
    try {
      byte[] payload =
          AesGcm.open(chunkKey, nonce, header, all, HEADER_BYTES, all.length - HEADER_BYTES);
      plain = (flags & FLAG_ZSTD) != 0 ? Zstd.decompress(payload, (int) plainLength) : payload;
    } catch (AEADBadTagException e) {
      throw new StoreCorruptedException(
          file, DamageKind.CHUNK_UNREADABLE, HEADER_BYTES, -1, "chunk fails authentication");
    } catch (ZstdException e) {
      throw new StoreCorruptedException(
          file, DamageKind.CHUNK_UNREADABLE, HEADER_BYTES, -1, "chunk does not decompress");
    } finally {
      Arrays.fill(chunkKey, (byte) 0);
    }
    Mac mac = key.blobIdMac();
    if (plain.length != plainLength || !MessageDigest.isEqual(mac.doFinal(plain), id.bytes())) {
      throw new StoreCorruptedException(
          file, DamageKind.CHUNK_UNREADABLE, HEADER_BYTES, -1, "content does not match its id");
    }
    return plain;
  }

  /**
   * Streams a body back. Every chunk is authenticated as it is read; at the end of the stream the
   * length and whole-body hash are checked before end-of-file is reported.
   *
   * @throws StoreCorruptedException (unchecked, from {@code read}) on any damage
   */
  public InputStream open(BlobRef ref) {
    return new BlobInputStream(ref);
  }

  private final class BlobInputStream extends InputStream {
    private final BlobRef ref;
    private final Mac bodyMac = key.blobIdMac();
    private int nextChunk;
    private byte[] current = new byte[0];
    private int pos;
    private long total;
    private boolean checked;

    BlobInputStream(BlobRef ref) {
      this.ref = ref;
    }

    private boolean fill() {
      while (pos == current.length) {
        if (nextChunk == ref.chunks().size()) {
          if (!checked) {
            checked = true;
            if (total != ref.length()
                || !MessageDigest.isEqual(bodyMac.doFinal(), ref.bodyHash().bytes())) {
              throw new StoreCorruptedException(
                  dir,
                  DamageKind.BLOB_MISMATCH,
                  -1,
                  -1,
                  "blob " + ref.bodyHash() + " does not reassemble to its length and hash");
            }
          }
          return false;
        }
        current = readChunk(ref.chunks().get(nextChunk++));
        pos = 0;
        total += current.length;
        bodyMac.update(current);
      }
      return true;
    }

    @Override
    public int read() {
      return fill() ? current[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
