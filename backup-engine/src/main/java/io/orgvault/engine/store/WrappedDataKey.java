package io.orgvault.engine.store;

import io.orgvault.engine.crypto.DataKey;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The file {@code keys/data-key}: the tenant's data key wrapped by the platform KEK. The header
 * (magic, version, tenant id, KEK id) is the associated data of the wrap, so a key file copied to
 * another tenant's volume, or relabelled with another KEK id, does not unwrap.
 */
final class WrappedDataKey {
  static final byte[] MAGIC = "OVKY".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final String FILE_NAME = "data-key";
  static final int MAX_ID_BYTES = 1024;
  static final int MAX_WRAPPED_BYTES = 64 * 1024;

  private WrappedDataKey() {}

  static byte[] header(String tenantId, String kekId) {
    byte[] t = tenantId.getBytes(StandardCharsets.UTF_8);
    byte[] k = kekId.getBytes(StandardCharsets.UTF_8);
    if (t.length > MAX_ID_BYTES || k.length > MAX_ID_BYTES) {
      throw new IllegalArgumentException("tenant or KEK id longer than " + MAX_ID_BYTES + " bytes");
    }
    return new ByteWriter(8 + 4 + t.length + k.length)
        .bytes(MAGIC)
        .u16(VERSION)
        .u16(0)
        .u16(t.length)
        .bytes(t)
        .u16(k.length)
        .bytes(k)
        .toByteArray();
  }

  static void write(StorageIo io, Path file, String tenantId, KeyEncryptionKey kek, DataKey dk) {
    byte[] header = header(tenantId, kek.id());
    byte[] material = dk.material();
    byte[] wrapped;
    try {
      wrapped = kek.wrap(material, header);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
    DurableFile.write(
        io,
        file,
        new ByteWriter(header.length + 4 + wrapped.length)
            .bytes(header)
            .u32(wrapped.length)
            .bytes(wrapped)
            .toByteArray());
  }

  /**
   * Unwraps the data key in {@code file}.
   *
   * @throws WrongKeyException if the file belongs to another tenant or KEK, or the KEK fails
   * @throws StoreCorruptedException if the file is malformed
   */
  static DataKey read(Path file, String tenantId, KeyEncryptionKey kek) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          "no data key at " + file + "; is this an OrgVault store? (create one first)");
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
    ByteReader r = new ByteReader(all);
    String fileTenant;
    String fileKek;
    byte[] wrapped;
    int headerEnd;
    try {
      if (!Arrays.equals(r.bytes(4), MAGIC)) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 0, -1, "bad magic");
      }
      int version = r.u16();
      if (version != VERSION) {
        throw new UnsupportedFormatVersionException(file, version, VERSION);
      }
      if (r.u16() != 0) {
        throw new StoreCorruptedException(file, DamageKind.BAD_HEADER, 6, -1, "unknown flags");
      }
      fileTenant = new String(r.bytes(r.u16()), StandardCharsets.UTF_8);
      fileKek = new String(r.bytes(r.u16()), StandardCharsets.UTF_8);
      headerEnd = r.position();
      long n = r.u32();
      if (n > MAX_WRAPPED_BYTES || n != r.remaining()) {
        throw new ByteReader.Malformed("wrapped key length does not fit the file");
      }
      wrapped = r.bytes((int) n);
    } catch (ByteReader.Malformed e) {
      throw new StoreCorruptedException(file, DamageKind.KEY_FILE_DAMAGED, -1, -1, e.getMessage());
    }
    if (!fileTenant.equals(tenantId)) {
      throw new WrongKeyException(
          "the store's data key belongs to tenant '" + fileTenant + "', not '" + tenantId + "'");
    }
    if (!fileKek.equals(kek.id())) {
      throw new WrongKeyException(
          "the store's data key is wrapped by KEK " + fileKek + "; the KEK given is " + kek.id());
    }
    byte[] material;
    try {
      material = kek.unwrap(wrapped, Arrays.copyOf(all, headerEnd));
    } catch (GeneralSecurityException e) {
      throw new WrongKeyException(
          "KEK "
              + kek.id()
              + " does not unwrap the data key in "
              + file
              + " (wrong key, or the key file is damaged)");
    }
    if (material.length != DataKey.KEY_BYTES) {
      Arrays.fill(material, (byte) 0);
      throw new StoreCorruptedException(
          file, DamageKind.KEY_FILE_DAMAGED, -1, -1, "unwrapped key has the wrong length");
    }
    return DataKey.fromMaterial(material);
  }
}
