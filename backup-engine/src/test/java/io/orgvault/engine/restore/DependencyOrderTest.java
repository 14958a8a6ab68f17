package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.RecordStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Insert order from the simulated org's describe, and cycles on hand-built describes. */
class DependencyOrderTest {
  private static SimBackups fx;
  private static Manifest manifest;

  @BeforeAll
  static void backup() throws Exception {
    fx = new SimBackups(50);
    long n = fx.backup();
    try (RecordStore store = fx.openStore()) {
      manifest = store.manifest(n);
    }
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static void assertBefore(List<String> order, String parent, String child) {
    assertThat(order).contains(parent, child);
    assertThat(order.indexOf(parent))
        .as(parent + " before " + child)
        .isLessThan(order.indexOf(child));
  }

  @Test
  void theCatalogIsOrderedParentsFirst() {
    DependencyOrder d = DependencyOrder.of(manifest);
    List<String> order = d.insertOrder();
    assertThat(order)
        .containsExactlyInAnyOrderElementsOf(
            manifest.objects().stream().map(Manifest.ObjectEntry::name).toList());
    assertBefore(order, "Account", "Contact");
    assertBefore(order, "Account", "Opportunity");
    assertBefore(order, "Account", "Case");
    assertBefore(order, "Contact", "Case");
    assertBefore(order, "Contact", "Task");
    assertBefore(order, "Opportunity", "Task");
    assertBefore(order, "Project__c", "Milestone__c");
    assertBefore(order, "Account", "Project__c");
    // Every createable reference to another selected object points backwards in the order,
    // unless it waits for the second pass.
    for (Manifest.ObjectEntry o : manifest.objects()) {
      o.describe()
          .fields()
          .forEach(
              (field, f) -> {
                if (!f.createable()) {
                  return;
                }
                boolean deferred =
                    d.secondPass().stream()
                        .anyMatch(r -> r.object().equals(o.name()) && r.field().equals(field));
                for (String t : f.referenceTo()) {
                  if (order.contains(t) && !t.equals(o.name()) && !deferred) {
                    assertBefore(order, t, o.name());
                  }
                }
              });
    }
    assertThat(d.secondPass())
        .contains(
            new DeferredReference(
                "Account",
                "ParentId",
                List.of("Account"),
                DeferredReference.Reason.SELF_REFERENCE,
                true));
    assertThat(d.twoPassesSuffice()).isTrue();
  }

  @Test
  void aSelectionOrdersOnlyItsObjectsAndIgnoresParentsOutsideIt() {
    DependencyOrder d = DependencyOrder.of(manifest, List.of("Milestone__c", "Case", "Contact"));
    assertThat(d.insertOrder()).containsExactly("Contact", "Case", "Milestone__c");
    assertThat(d.secondPass()).isEmpty();
  }

  @Test
  void anUnknownObjectOrAMissingDescribeIsATypedError() {
    assertThatThrownBy(() -> DependencyOrder.of(manifest, List.of("NoSuch__c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NoSuch__c");
    Manifest old = manifest(Map.of("A__c", Map.of()), false);
    assertThatThrownBy(() -> DependencyOrder.of(old))
        .isInstanceOfSatisfying(
            DescribeNotRecordedException.class, e -> assertThat(e.object()).isEqualTo("A__c"));
  }

  @Test
  void aCycleIsBrokenAtANillableReference() {
    // A__c.B__c -> B__c (required), B__c.A__c -> A__c (nillable), C__c -> B__c.
    Manifest m =
        manifest(
            Map.of(
                "A__c", Map.of("B__c", ref(false, "B__c")),
                "B__c", Map.of("A__c", ref(true, "A__c")),
                "C__c", Map.of("B__c", ref(false, "B__c"))),
            true);
    DependencyOrder d = DependencyOrder.of(m);
    assertThat(d.insertOrder()).containsExactly("B__c", "A__c", "C__c");
    assertThat(d.secondPass())
        .containsExactly(
            new DeferredReference(
                "B__c", "A__c", List.of("A__c"), DeferredReference.Reason.CYCLE, true));
    assertThat(d.twoPassesSuffice()).isTrue();
  }

  @Test
  void aCycleOfRequiredReferencesIsReportedAsNotBreakable() {
    Manifest m =
        manifest(
            Map.of(
                "A__c", Map.of("B__c", ref(false, "B__c")),
                "B__c", Map.of("A__c", ref(false, "A__c"))),
            true);
    DependencyOrder d = DependencyOrder.of(m);
    assertThat(d.insertOrder()).containsExactly("A__c", "B__c");
    assertThat(d.secondPass())
        .containsExactly(
            new DeferredReference(
                "A__c", "B__c", List.of("B__c"), DeferredReference.Reason.CYCLE, false));
    assertThat(d.twoPassesSuffice()).isFalse();
  }

  private static ObjectDescribe.FieldDescribe ref(boolean nillable, String... targets) {
    return new ObjectDescribe.FieldDescribe(
        List.of(targets), "R", true, true, nillable, false, false, false, false, false);
  }

  private static Manifest manifest(
      Map<String, Map<String, ObjectDescribe.FieldDescribe>> objects, boolean withDescribe) {
    List<Manifest.ObjectEntry> entries = new ArrayList<>();
    new java.util.TreeMap<>(objects)
        .forEach(
            (name, fields) -> {
              List<FieldSchema> schema = new ArrayList<>(List.of(FieldSchema.of("Id", "id")));
              fields.keySet().forEach(f -> schema.add(FieldSchema.of(f, "reference")));
              entries.add(
                  new Manifest.ObjectEntry(
                      name,
                      schema,
                      0,
                      0,
                      0,
                      List.of(),
                      withDescribe
                          ? new ObjectDescribe(null, new LinkedHashMap<>(fields), List.of())
                          : null));
            });
    return new Manifest(1, "t", "00D000000000001AAA", Instant.EPOCH, null, entries, "mac");
  }
}
