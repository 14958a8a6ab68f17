package io.orgvault.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every JAX-RS resource under /api/v1 is either audited or says why not: a
 * resource added later is covered without anyone remembering it (AuditApiTest then calls each).
 */
class AuditCoverageTest {
  @Test
  void everyApiOperationIsAuditedOrSaysWhyNot() throws Exception {
    List<String> unmarked = new ArrayList<>();
    int operations = 0;
    for (Class<?> c : resourceClasses()) {
      for (Method m : c.getDeclaredMethods()) {
        if (!isOperation(m)) {
          continue;
        }
        operations++;
        Unaudited why = m.getAnnotation(Unaudited.class);
        if (m.getAnnotation(Audited.class) == null && (why == null || why.value().isBlank())) {
          unmarked.add(c.getSimpleName() + "." + m.getName());
        }
        assertThat(m.getAnnotation(Audited.class) != null && why != null)
            .as(c.getSimpleName() + "." + m.getName() + " is both audited and not")
            .isFalse();
      }
    }
    assertThat(operations).isGreaterThan(50);
    assertThat(unmarked).isEmpty();
  }

  private static boolean isOperation(Method m) {
    return m.isAnnotationPresent(GET.class)
        || m.isAnnotationPresent(POST.class)
        || m.isAnnotationPresent(PUT.class)
        || m.isAnnotationPresent(DELETE.class)
        || m.isAnnotationPresent(PATCH.class);
  }

  static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
    java.nio.file.Path root = java.nio.file.Path.of("target/classes");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/orgvault/web"))) {
      for (var f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, AuditCoverageTest.class.getClassLoader());
        Path p = c.getAnnotation(Path.class);
        if (p != null && p.value().startsWith("/api/v1")) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
