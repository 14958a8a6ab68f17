package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A directory of files named by a zero-padded number and a suffix, {@code 0000000042.manifest}:
 * manifests, prune records and pending states. Temporary and foreign names are never listed.
 */
final class NumberedFiles {
  /** Digits of the number in a name; enough for {@link ManifestStore#MAX_BACKUP_NUMBER}. */
  static final int DIGITS = 10;

  private final Path dir;
  private final String suffix;
  private final Pattern name;

  NumberedFiles(Path dir, String suffix) {
    this.dir = dir;
    this.suffix = suffix;
    this.name = Pattern.compile("\\d{" + DIGITS + "}" + Pattern.quote(suffix));
  }

  Path dir() {
    return dir;
  }

  Path path(long number) {
    return dir.resolve(String.format("%0" + DIGITS + "d", number) + suffix);
  }

  /**
   * The bytes of file {@code number}; null when there is no such file, which each kind reports its
   * own way.
   *
   * @throws StoreException if the file exists but cannot be read
   */
  byte[] readIfPresent(long number) {
    Path file = path(number);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The numbers present, ascending. */
  List<Long> list() {
    List<Long> numbers = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String file = p.getFileName().toString();
        if (name.matcher(file).matches()) {
          numbers.add(Long.parseLong(file.substring(0, DIGITS)));
        }
      }
    } catch (IOException e) {
      throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    numbers.sort(null);
    return numbers;
  }
}
