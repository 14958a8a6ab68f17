package io.orgvault.web.export.service;

import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Export files in an org store's {@code exports/} directory as the host reads and deletes them. The
 * directory is inside the tenant's volume, which the tenant's sandboxes write: a symbolic link or
 * anything but a regular file there is refused, never followed, so a planted link cannot make the
 * service serve or delete a file elsewhere.
 */
@ApplicationScoped
public class ExportFiles {
  /** As {@link ExportSettings} allows, and nothing hidden. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The hidden name an export job writes under before it publishes the file. */
  private static final Pattern PARTIAL =
      Pattern.compile("\\.[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.partial");

  @Inject SandboxJobs jobs;

  /** An export file opened for reading, with the size it had when opened. */
  public record Opened(InputStream in, long size) {}

  /** Opens the file; empty when it is gone. */
  public Optional<Opened> open(TenantId tenant, String sfOrgId, String fileName)
      throws IOException {
    Path file = locate(tenant, sfOrgId, fileName);
    BasicFileAttributes before = regularFile(file);
    if (before == null) {
      return Optional.empty();
    }
    InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    // the same file as checked (not swapped between the check and the open)
    BasicFileAttributes after = regularFile(file);
    if (after == null || !Objects.equals(before.fileKey(), after.fileKey())) {
      in.close();
      throw new IOException("the export file changed while it was opened");
    }
    return Optional.of(new Opened(in, after.size()));
  }

  /** Deletes the file if it is there (a regular file, never what a link points to). */
  public void delete(TenantId tenant, String sfOrgId, String fileName) throws IOException {
    Path file = locate(tenant, sfOrgId, fileName);
    // a link is deleted itself, never its target
    if (Files.isSymbolicLink(file) || regularFile(file) != null) {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Deletes half-written exports ({@code .<name>.partial}, plaintext) a killed export job left,
   * when last written before {@code before}; links are deleted themselves. Returns how many.
   */
  public int sweepPartials(TenantId tenant, String sfOrgId, Instant before) throws IOException {
    Path dir = jobs.storeOf(tenant, sfOrgId).resolve(ExportSettings.EXPORTS_DIR);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int swept = 0;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        if (!PARTIAL.matcher(p.getFileName().toString()).matches()) {
          continue;
        }
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()
            || (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(before))) {
          Files.deleteIfExists(p);
          swept++;
        }
      }
    }
    return swept;
  }

  private Path locate(TenantId tenant, String sfOrgId, String fileName) throws IOException {
    if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
      throw new IOException("not an export file name");
    }
    Path dir = jobs.storeOf(tenant, sfOrgId).resolve(ExportSettings.EXPORTS_DIR);
    Path file = dir.resolve(fileName);
    if (!file.getParent().equals(dir)) {
      throw new IOException("an export file is directly in exports/");
    }
    BasicFileAttributes d;
    try {
      d = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return file; // nothing there: the file is simply gone
    }
    if (!d.isDirectory()) {
      throw new IOException("exports/ is not a directory (a link is never followed)");
    }
    return file;
  }

  /** The file's attributes if it is a regular file; null if it is absent. */
  private static BasicFileAttributes regularFile(Path file) throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        throw new IOException("the export is not a regular file (a link is never followed)");
      }
      return a;
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
