package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link StorageIo} on the local file system through {@link FileChannel}. */
final class FileStorageIo implements StorageIo {
  static final FileStorageIo INSTANCE = new FileStorageIo();

  private FileStorageIo() {}

  @Override
  public OutputFile create(Path file) throws IOException {
    FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new OutputFile() {
      @Override
      public void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
          ch.write(data);
        }
      }

      @Override
      public void sync() throws IOException {
        ch.force(true);
      }

      @Override
      public long position() throws IOException {
        return ch.position();
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    Files.deleteIfExists(file);
  }
}
