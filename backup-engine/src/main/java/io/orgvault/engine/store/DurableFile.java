package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way the store makes a file visible: write it under a temporary name, fsync it, rename it
 * to its final name, fsync the directory. A crash at any point leaves either no final file or a
 * complete one; leftover temporary files are ignored by readers and removed by garbage collection.
 */
final class DurableFile {
  /** Names starting with this are never read as store files. */
  static final String TEMP_PREFIX = ".tmp-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private DurableFile() {}

  static boolean isTemp(Path file) {
    return file.getFileName().toString().startsWith(TEMP_PREFIX);
  }

  /** A fresh temporary name next to {@code target}. */
  static Path tempFor(Path target) {
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    return target.resolveSibling(
        TEMP_PREFIX + HexFormat.of().formatHex(r) + "-" + target.getFileName());
  }

  /** Writes {@code bytes} as {@code target}; on failure nothing is visible and the temp is gone. */
  static void write(StorageIo io, Path target, byte[] bytes) {
    Path temp = tempFor(target);
    try {
      try (StorageIo.OutputFile out = io.create(temp)) {
        out.write(ByteBuffer.wrap(bytes));
        out.sync();
      }
      publish(io, temp, target);
    } catch (IOException e) {
      discard(io, temp);
      throw new StoreWriteException(target, e);
    }
  }

  /** Renames a complete, synced temporary file to its final name and makes the name durable. */
  static void publish(StorageIo io, Path temp, Path target) throws IOException {
    io.rename(temp, target);
    io.syncDirectory(target.getParent());
  }

  /** Best-effort removal of a temporary file after a failure; GC removes what this cannot. */
  static void discard(StorageIo io, Path temp) {
    try {
      io.deleteIfExists(temp);
    } catch (IOException | RuntimeException ignored) {
      // The write already failed; the temp name is invisible to readers and GC will remove it.
    }
  }
}
