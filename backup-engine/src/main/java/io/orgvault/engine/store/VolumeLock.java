package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per volume: a backup and garbage collection each hold an exclusive lock on the file
 * {@code lock}, so collection never removes the segments and chunks of a backup in progress.
 */
final class VolumeLock implements AutoCloseable {
  static final String FILE_NAME = "lock";

  private final FileChannel channel;
  private final FileLock lock;

  private VolumeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static VolumeLock acquire(Path volume) {
    Path file = volume.resolve(FILE_NAME);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      FileLock l = ch.tryLock();
      if (l == null) {
        throw new StoreException(
            "another process is writing to the store at " + volume + " (" + file + " is locked)");
      }
      return new VolumeLock(ch, l);
    } catch (OverlappingFileLockException e) {
      close(ch);
      throw new StoreException(
          "a backup or garbage collection is already running on " + volume + " in this process");
    } catch (IOException e) {
      close(ch);
      throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(ch);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it as well.
    }
    close(channel);
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // Lock file only; nothing to lose.
    }
  }
}
