package io.orgvault.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the test's working directory (the module's). */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /** {@code relative} under the first directory up from here that holds {@code mvnw}. */
  public static Path resolve(String relative) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("deploy"))) {
        return d.resolve(relative);
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
