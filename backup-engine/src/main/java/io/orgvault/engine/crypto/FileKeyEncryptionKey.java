package io.orgvault.engine.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.AEADBadTagException;

/**
 * A development KEK: 32 raw random bytes in a file readable by its owner only (mode 0600 or 0400).
 * Wrapping is AES-256-GCM with a random 96-bit nonce; a KEK wraps one data key per tenant and
 * rotation, far below the 2^32 random-nonce limit of NIST SP 800-38D.
 *
 * <p>Wrapped form: {@code 0x01 | nonce (12) | ciphertext | tag (16)}.
 */
public final class FileKeyEncryptionKey implements KeyEncryptionKey {
  public static final int KEY_BYTES = 32;
  static final byte WRAP_FORMAT = 1;
  private static final Set<PosixFilePermission> FORBIDDEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final byte[] key;
  private final String id;
  private final SecureRandom random = new SecureRandom();

  private FileKeyEncryptionKey(byte[] key) {
    this.key = key;
    // The id is a keyed digest of the key: stable, distinct per key, reveals nothing about it.
    byte[] digest =
        Hkdf.hmac(key).doFinal("orgvault/v1/kek-id".getBytes(StandardCharsets.US_ASCII));
    this.id = "file-" + HexFormat.of().formatHex(digest, 0, 8);
  }

  /** Reads a KEK file, refusing it unless it is exactly 32 bytes and private to its owner. */
  public static FileKeyEncryptionKey load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("KEK file " + file + " does not exist or is not a regular file");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
    extra.addAll(perms);
    extra.retainAll(FORBIDDEN);
    if (!extra.isEmpty()) {
      throw new IOException(
          "KEK file "
              + file
              + " has mode "
              + PosixFilePermissions.toString(perms)
              + "; it must be readable by its owner only (chmod 600)");
    }
    long size = Files.size(file);
    if (size != KEY_BYTES) {
      throw new IOException(
          "KEK file " + file + " holds " + size + " bytes; a KEK is exactly 32 random bytes");
    }
    byte[] bytes = new byte[KEY_BYTES];
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {}
      if (buf.hasRemaining()) {
        throw new IOException("KEK file " + file + " was shortened while being read");
      }
    }
    return new FileKeyEncryptionKey(bytes);
  }

  /** Creates a new KEK file with 32 bytes from SecureRandom, mode 0600 from the start. */
  public static void generate(Path file) throws IOException {
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] plainKey, byte[] associatedData) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = AesGcm.seal(key, nonce, associatedData, plainKey);
    return ByteBuffer.allocate(1 + nonce.length + sealed.length)
        .put(WRAP_FORMAT)
        .put(nonce)
        .put(sealed)
        .array();
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
    if (wrapped.length < 1 + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES || wrapped[0] != WRAP_FORMAT) {
      throw new AEADBadTagException("not a key wrapped by a file KEK");
    }
    byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + AesGcm.NONCE_BYTES);
    int off = 1 + AesGcm.NONCE_BYTES;
    return AesGcm.open(key, nonce, associatedData, wrapped, off, wrapped.length - off);
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "FileKeyEncryptionKey[" + id + "]";
  }
}
