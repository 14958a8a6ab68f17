package io.orgvault.sandbox.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@code export} job writes, and the file it writes it to: a plain name inside the volume's
 * {@value #EXPORTS_DIR} directory, never a path, so no request can name a file outside it.
 *
 * @param source {@code object} (one object as of a backup, CSV), {@code compare} (the changes
 *     between two backups, CSV) or {@code backup} (every object and file body of a backup, zip)
 * @param backup the backup for {@code object} and {@code backup}; null: the latest
 * @param object the object for {@code object}
 * @param from the earlier backup for {@code compare}
 * @param to the later backup for {@code compare}
 * @param objects compare filter: object names (empty: all)
 * @param kinds compare filter: {@code added}, {@code deleted}, {@code changed} (empty: all)
 * @param fields compare filter: field names (empty: all)
 * @param file the file name inside {@value #EXPORTS_DIR}
 */
public record ExportSettings(
    Source source,
    Long backup,
    String object,
    Long from,
    Long to,
    Set<String> objects,
    Set<String> kinds,
    Set<String> fields,
    String file) {
  /** The directory of the volume exports go to; the host serves files from there. */
  public static final String EXPORTS_DIR = "exports";

  /** The longest export file name. */
  public static final int MAX_FILE_NAME_CHARS = 128;

  /**
   * A plain file name: letters, digits, dot, dash, underscore; not starting with a dot (no {@code
   * ..}, no hidden files, no separators).
   */
  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_FILE_NAME_CHARS - 1) + "}");

  private static final Set<String> KINDS = Set.of("added", "deleted", "changed");

  /** What an export job exports. */
  public enum Source {
    OBJECT,
    COMPARE,
    BACKUP;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Source ofWireName(String s) {
      for (Source k : values()) {
        if (k.wireName().equals(s)) {
          return k;
        }
      }
      throw new ProtocolException("job.export.source must be object, compare or backup");
    }
  }

  public ExportSettings {
    require(source != null, "job.export.source is required");
    objects = objects == null ? Set.of() : Set.copyOf(objects);
    kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    fields = fields == null ? Set.of() : Set.copyOf(fields);
    require(
        file != null && FILE_NAME.matcher(file).matches(),
        "job.export.file must be a plain file name (letters, digits, . _ -; at most "
            + MAX_FILE_NAME_CHARS
            + " characters; no path)");
    switch (source) {
      case OBJECT ->
          require(object != null && !object.isBlank(), "export object: job.export.object required");
      case COMPARE -> {
        require(from != null && to != null, "export compare: job.export.from and to required");
        require(KINDS.containsAll(kinds), "job.export.kinds holds added, deleted or changed");
      }
      case BACKUP -> {
        // the backup number alone, or the latest
      }
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ProtocolException(message);
    }
  }
}
