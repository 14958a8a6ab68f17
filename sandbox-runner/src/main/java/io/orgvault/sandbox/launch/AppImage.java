package io.orgvault.sandbox.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The application's class path copied into one root-owned, world-readable directory (class
 * directories packed as jars), mounted read-only at {@link #MOUNT} in every sandbox. Copying keeps
 * the tenant uid away from wherever the jars came from (a build directory, a private Maven cache)
 * and makes the image immutable for the launcher's life.
 */
final class AppImage {
  static final String MOUNT = "/app";

  private final Path dir;
  private final List<String> classpath;

  private AppImage(Path dir, List<String> classpath) {
    this.dir = dir;
    this.classpath = classpath;
  }

  static AppImage stage(List<Path> entries, Path dir) {
    try {
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
      Files.createDirectories(dir);
      List<String> inside = new ArrayList<>();
      int i = 0;
      for (Path e : entries) {
        if (!Files.exists(e)) {
          throw new IllegalArgumentException("class path entry does not exist: " + e);
        }
        // Class directories become jars: AppCDS archives only classes loaded from jars.
        String name = (i++) + "-" + e.getFileName() + (Files.isDirectory(e) ? ".jar" : "");
        copy(e, dir.resolve(name));
        inside.add(MOUNT + "/" + name);
      }
      readableByAll(dir);
      return new AppImage(dir, List.copyOf(inside));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the application into " + dir, e);
    }
  }

  Path dir() {
    return dir;
  }

  /** The class path as the sandbox sees it. */
  String classpath() {
    return String.join(":", classpath);
  }

  /** The class path as the host sees it (the unisolated demo mode runs from here). */
  String hostClasspath() {
    return classpath.stream()
        .map(p -> dir.resolve(p.substring(MOUNT.length() + 1)).toString())
        .collect(java.util.stream.Collectors.joining(":"));
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(to));
        Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        if (p.equals(from)) {
          continue;
        }
        String entry = from.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          jar.putNextEntry(new JarEntry(entry + "/"));
        } else {
          jar.putNextEntry(new JarEntry(entry));
          Files.copy(p, jar);
        }
        jar.closeEntry();
      }
    }
  }

  private static void readableByAll(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
