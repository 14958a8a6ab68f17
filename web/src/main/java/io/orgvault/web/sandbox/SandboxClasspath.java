package io.orgvault.web.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars a sandbox JVM needs, found from where this JVM loaded the classes the sandbox uses: the
 * sandbox runner and engine with their dependencies, and nothing of the web service (which the
 * sandbox must not carry: its configuration, its database driver).
 */
final class SandboxClasspath {
  /** One class from each artifact the sandboxed engine job loads. */
  static final List<String> ROOTS =
      List.of(
          "io.orgvault.sandbox.job.SandboxMain",
          "io.orgvault.engine.store.RecordStore",
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.core.JsonFactory",
          "com.fasterxml.jackson.annotation.JsonInclude",
          "com.github.luben.zstd.Zstd",
          "picocli.CommandLine",
          "com.sforce.ws.ConnectorConfig",
          "com.sforce.soap.partner.PartnerConnection");

  private SandboxClasspath() {}

  static List<Path> resolve() {
    Set<Path> out = new LinkedHashSet<>();
    for (String name : ROOTS) {
      try {
        Class<?> c = Class.forName(name, false, SandboxClasspath.class.getClassLoader());
        out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
        throw new IllegalStateException(
            "the sandbox needs " + name + ", not on this class path", e);
      }
    }
    return new ArrayList<>(out);
  }
}
