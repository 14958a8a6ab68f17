package io.orgvault.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The store's write path to the file system, and nothing more: create a new file, write, fsync,
 * rename, fsync a directory, delete. Reads go straight to {@code FileChannel}. The seam exists so
 * that tests can make the OS write call fail the way a full disk does ({@code ENOSPC}) on a real
 * file system; production uses {@link #system()}.
 */
public interface StorageIo {

  /** A file being written. */
  interface OutputFile extends Closeable {
    /** Writes all of {@code data} or throws. */
    void write(ByteBuffer data) throws IOException;

    /** fsync: data and metadata reach stable storage. */
    void sync() throws IOException;

    /** Bytes written so far. */
    long position() throws IOException;
  }

  /** Creates {@code file}, which must not exist yet. */
  OutputFile create(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically (same directory or file system). */
  void rename(Path from, Path to) throws IOException;

  /** fsync of a directory, making the names created or renamed in it durable. */
  void syncDirectory(Path dir) throws IOException;

  /** Deletes {@code file} if it exists. */
  void deleteIfExists(Path file) throws IOException;

  static StorageIo system() {
    return FileStorageIo.INSTANCE;
  }
}
