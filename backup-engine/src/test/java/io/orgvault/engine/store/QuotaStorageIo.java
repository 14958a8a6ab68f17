package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The real file-system write path with a byte quota: once the quota is used up, the write call
 * writes what still fits and then fails with the message Linux gives for ENOSPC, as a full disk
 * does. Not a mock: every byte goes to a real file.
 */
final class QuotaStorageIo implements StorageIo {
  private final StorageIo real = StorageIo.system();
  private long remaining;

  QuotaStorageIo(long quotaBytes) {
    this.remaining = quotaBytes;
  }

  void setRemaining(long bytes) {
    remaining = bytes;
  }

  @Override
  public OutputFile create(Path file) throws IOException {
    OutputFile out = real.create(file);
    return new OutputFile() {
      @Override
      public void write(ByteBuffer data) throws IOException {
        if (data.remaining() > remaining) {
          ByteBuffer fits = data.slice();
          fits.limit((int) Math.max(0, remaining));
          out.write(fits);
          remaining = 0;
          throw new IOException("No space left on device");
        }
        remaining -= data.remaining();
        out.write(data);
      }

      @Override
      public void sync() throws IOException {
        out.sync();
      }

      @Override
      public long position() throws IOException {
        return out.position();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    real.rename(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    real.syncDirectory(dir);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    real.deleteIfExists(file);
  }
}
