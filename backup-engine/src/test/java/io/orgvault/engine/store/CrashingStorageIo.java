package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The real file-system write path that "dies" at its {@code crashAt}-th operation (create, write,
 * sync, rename, directory sync, delete): that operation and every later one fail without touching
 * the disk, as if the process had been killed right before it. Cleanup code that runs after the
 * failure therefore changes nothing either, like after a {@code kill -9}.
 */
final class CrashingStorageIo implements StorageIo {
  private final StorageIo real = StorageIo.system();
  private final long crashAt;
  private long operations;

  CrashingStorageIo(long crashAt) {
    this.crashAt = crashAt;
  }

  long operations() {
    return operations;
  }

  boolean crashed() {
    return operations >= crashAt;
  }

  private void step() throws IOException {
    if (operations >= crashAt) {
      throw new IOException("simulated crash");
    }
    operations++;
  }

  @Override
  public OutputFile create(Path file) throws IOException {
    step();
    OutputFile out = real.create(file);
    return new OutputFile() {
      @Override
      public void write(ByteBuffer data) throws IOException {
        step();
        out.write(data);
      }

      @Override
      public void sync() throws IOException {
        step();
        out.sync();
      }

      @Override
      public long position() throws IOException {
        return out.position();
      }

      @Override
      public void close() throws IOException {
        out.close(); // closing a descriptor writes nothing
      }
    };
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    step();
    real.rename(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step();
    real.syncDirectory(dir);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    step();
    real.deleteIfExists(file);
  }
}
