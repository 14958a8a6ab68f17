package io.orgvault.web.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.web.apikey.ApiKeyToken;
import io.orgvault.web.salesforce.oauth.OAuthState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves there is no unscoped query path: every class of the service is loaded and checked, so a
 * repository added later is covered without anyone remembering to list it here.
 */
class RepositoryScopingTest {
  /** What may scope a repository method: a tenant, the operator, or the presented credential. */
  static final Set<Class<?>> SCOPES =
      Set.of(TenantId.class, OperatorScope.class, ApiKeyToken.class, OAuthState.class);

  static List<Class<?>> classes;

  @BeforeAll
  static void loadEveryClassOfTheService() throws IOException, ClassNotFoundException {
    Path root = Path.of("target/classes");
    classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("io/orgvault/web"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        classes.add(Class.forName(name, false, RepositoryScopingTest.class.getClassLoader()));
      }
    }
    assertThat(classes).hasSizeGreaterThan(10);
  }

  @Test
  void everyPublicRepositoryMethodTakesAScopeFirst() {
    List<Class<?>> repositories =
        classes.stream()
            .filter(c -> c.getPackageName().endsWith(".repository"))
            .filter(c -> Modifier.isPublic(c.getModifiers()))
            .toList();
    assertThat(repositories)
        .extracting(Class::getSimpleName)
        .contains(
            "TenantRepository",
            "ApiKeyRepository",
            "SalesforceOrgRepository",
            "OAuthAuthorizationRepository",
            "TenantTokenKeyRepository",
            "RetentionRepository");
    List<String> unscoped = new ArrayList<>();
    for (Class<?> r : repositories) {
      for (Method m : r.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
          continue;
        }
        if (m.getParameterCount() == 0 || !SCOPES.contains(m.getParameterTypes()[0])) {
          unscoped.add(r.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(unscoped).as("public repository methods without a scope").isEmpty();
  }

  @Test
  void panacheAccessIsNeverPublicAndEntitiesHaveNoActiveRecordQueries() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : classes) {
      if (PanacheRepositoryBase.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())) {
        leaks.add(c.getName() + " is a public Panache repository (inherits unscoped listAll, ...)");
      }
      if (PanacheEntityBase.class.isAssignableFrom(c)) {
        leaks.add(c.getName() + " is a Panache active-record entity (static unscoped finders)");
      }
      if (PanacheRepositoryBase.class.isAssignableFrom(c)
          && !c.getPackageName().endsWith(".repository")) {
        leaks.add(c.getName() + " gives Panache access outside a repository package");
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void everyEntityButTheTenantItselfCarriesATenantId() throws NoSuchFieldException {
    List<Class<?>> entities =
        classes.stream().filter(c -> c.isAnnotationPresent(Entity.class)).toList();
    assertThat(entities).isNotEmpty();
    for (Class<?> e : entities) {
      if (e.getSimpleName().equals("Tenant")) {
        continue;
      }
      assertThat(e.getField("tenantId").getType()).as(e.getName()).isEqualTo(java.util.UUID.class);
    }
  }
}
