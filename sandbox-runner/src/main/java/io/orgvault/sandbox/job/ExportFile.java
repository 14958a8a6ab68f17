package io.orgvault.sandbox.job;

import io.orgvault.sandbox.protocol.ExportSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file an export writes, inside the volume's exports directory and nowhere else. It is written
 * under a hidden partial name and published by a hard link, which fails if the name exists: an
 * export never overwrites a file, and the host never sees a half-written one under the final name.
 */
final class ExportFile implements AutoCloseable {
  /** Mode of the exports directory and the files in it: the tenant uid's (and root's) only. */
  private static final String DIR_MODE = "rwx------";

  private static final String FILE_MODE = "rw-------";

  private static final String PARTIAL_SUFFIX = ".partial";

  private final Path target;
  private final Path partial;
  private boolean published;

  private ExportFile(Path target, Path partial) {
    this.target = target;
    this.partial = partial;
  }

  /**
   * Refuses a name that resolves outside {@code <volume>/exports}, an exports directory that is a
   * symbolic link or not a directory, and a name that exists.
   */
  static ExportFile create(Path volume, String name) throws IOException {
    Path dir = volume.resolve(ExportSettings.EXPORTS_DIR);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExportRefusedException("the volume's exports is not a directory");
    }
    Path target = dir.resolve(name).normalize();
    // ExportSettings admits plain names only; this holds even if that check were loosened.
    if (!dir.equals(target.getParent())) {
      throw new ExportRefusedException("the export file must be a plain name inside exports/");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ExportRefusedException("exports/" + name + " exists; an export never overwrites");
    }
    Path partial = dir.resolve("." + name + PARTIAL_SUFFIX);
    // A partial file is only ever left by an export that died: it is this export's to replace.
    Files.deleteIfExists(partial);
    Files.createFile(
        partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE_MODE)));
    return new ExportFile(target, partial);
  }

  OutputStream open() throws IOException {
    return Files.newOutputStream(
        partial,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING,
        LinkOption.NOFOLLOW_LINKS);
  }

  /** Gives the written file its name; fails if that name appeared meanwhile. */
  void publish() throws IOException {
    try {
      Files.createLink(target, partial);
    } catch (FileAlreadyExistsException e) {
      throw new ExportRefusedException(
          "exports/" + target.getFileName() + " exists; an export never overwrites");
    }
    published = true;
  }

  String name() {
    return target.getFileName().toString();
  }

  @Override
  public void close() throws IOException {
    // Published: the final name holds the data, the partial name goes. Not published: nothing of
    // a failed export stays.
    Files.deleteIfExists(partial);
  }

  boolean published() {
    return published;
  }
}
