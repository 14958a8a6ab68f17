package io.orgvault.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compare between backups of a simulated org after seeded simulated days and chosen changes
 * (update, delete, delete then undelete, undelete of a record deleted before A, insert, insert then
 * delete, new files). The expected diff is computed from pictures of the org's own state taken at
 * each backup, not from the store.
 */
class CompareSimulatorTest {
  private static SimBackups fx;
  private static final Map<Long, Map<String, Map<String, Map<String, Object>>>> pictures =
      new TreeMap<>();
  private static String updated;
  private static String deleted;
  private static String deletedAndUndeleted;
  private static String undeletedAfterA;
  private static String inserted;
  private static String insertedAndDeleted;

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(300);
    Org org = fx.sim.org();
    String user = org.integrationUserId();
    List<String> contacts = new ArrayList<>();
    var t = org.table("Contact");
    for (int r = 0; r < t.size() && contacts.size() < 10; r++) {
      if (t.isLive(r)) {
        contacts.add(t.id(r));
      }
    }
    updated = contacts.get(0);
    deleted = contacts.get(1);
    deletedAndUndeleted = contacts.get(2);
    undeletedAfterA = contacts.get(3);
    assertThat(org.delete(undeletedAfterA, user).success()).isTrue();

    snap(fx.backup());

    org.clock().advance(Duration.ofMinutes(10));
    assertThat(org.update("Contact", updated, Map.of("LastName", "Renamed, \"Q\""), user).success())
        .isTrue();
    assertThat(org.delete(deleted, user).success()).isTrue();
    assertThat(org.delete(deletedAndUndeleted, user).success()).isTrue();
    assertThat(org.undelete(deletedAndUndeleted, user).success()).isTrue();
    assertThat(org.undelete(undeletedAfterA, user).success()).isTrue();
    inserted = org.insert("Contact", Map.of("LastName", "Newcomer"), user).id();
    insertedAndDeleted = org.insert("Contact", Map.of("LastName", "Ephemeral"), user).id();
    assertThat(org.delete(insertedAndDeleted, user).success()).isTrue();
    fx.sim.simulateDay(DayRates.typical());
    snap(fx.backup());

    fx.sim.simulateDay(DayRates.typical());
    org.clock().advance(Duration.ofMinutes(10));
    assertThat(org.update("Contact", updated, Map.of("LastName", "Again"), user).success())
        .isTrue();
    snap(fx.backup());
  }

  private static void snap(long n) {
    pictures.put(n, fx.picture(n));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void changesEqualTheOrgsOwnDifferences() {
    try (RecordStore store = fx.openStore()) {
      for (long[] pair : new long[][] {{1, 2}, {2, 3}, {1, 3}}) {
        Comparison c = Comparison.between(store, pair[0], pair[1]);
        Map<String, Map<String, Object>> expected =
            SimBackups.expectedDiff(pictures.get(pair[0]), pictures.get(pair[1]));
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        expected.keySet().forEach(o -> actual.put(o, new TreeMap<>()));
        try (ChangeStream s = c.stream(CompareFilter.ALL)) {
          while (s.hasNext()) {
            RecordChange ch = s.next();
            Object v = ch.kind() == ChangeKind.CHANGED ? fields(ch, expected) : ch.kind();
            assertThat(actual.get(ch.object()).put(ch.id(), v)).as("duplicate " + ch.id()).isNull();
          }
        }
        assertThat(toComparable(actual))
            .as(pair[0] + ".." + pair[1])
            .isEqualTo(toComparable(expected));
        assertThat(expected.get("Contact")).isNotEmpty();

        // The summary is counted from the segments' change indexes, not from the stream.
        assertThat(store.changeIndexesBetween(pair[0], pair[1], "Contact")).isPresent();
        CompareSummary summary = c.summary(CompareFilter.ALL);
        for (ObjectSummary o : summary.objects()) {
          Map<String, Object> e = expected.get(o.object());
          assertThat(o.added())
              .isEqualTo(e.values().stream().filter(ChangeKind.ADDED::equals).count());
          assertThat(o.deleted())
              .isEqualTo(e.values().stream().filter(ChangeKind.DELETED::equals).count());
          assertThat(o.changed())
              .isEqualTo(e.values().stream().filter(x -> x instanceof Map).count());
          assertThat(o.schema().isEmpty()).isTrue();
        }
      }
    }
  }

  /** Field names to [old, new] in org terms for a changed record, with stored values checked. */
  private static Map<String, Object> fields(RecordChange ch, Map<String, Map<String, Object>> exp) {
    Map<String, Object> out = new TreeMap<>();
    Object e = exp.get(ch.object()).get(ch.id());
    for (FieldChange f : ch.fields()) {
      Object[] pair = e instanceof Map<?, ?> m ? (Object[]) m.get(f.field()) : null;
      if (pair != null && pair[0] instanceof String) {
        assertThat(f.oldValue()).isEqualTo(pair[0]);
        assertThat(f.newValue()).isEqualTo(pair[1]);
      }
      if (pair != null && pair[0] instanceof byte[]) {
        assertThat(((BlobRef) f.oldValue()).bodyHash())
            .isNotEqualTo(((BlobRef) f.newValue()).bodyHash());
      }
      out.put(f.field(), pair);
    }
    return out;
  }

  /** Changed records as their sets of field names, so that values in org types need no equals. */
  private static Map<String, Map<String, Object>> toComparable(Map<String, Map<String, Object>> m) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    m.forEach(
        (o, ids) -> {
          Map<String, Object> x = new TreeMap<>();
          ids.forEach(
              (id, v) ->
                  x.put(
                      id,
                      v instanceof Map<?, ?> f
                          ? new java.util.TreeSet<>(((Map<String, ?>) f).keySet())
                          : v));
          out.put(o, x);
        });
    return out;
  }

  @Test
  void chosenChangesAreClassifiedAsTheRulesSay() {
    try (RecordStore store = fx.openStore()) {
      Map<String, RecordChange> contact = new TreeMap<>();
      try (ChangeStream s =
          Comparison.between(store, 1, 2).stream(CompareFilter.ALL.objects(Set.of("Contact")))) {
        s.forEachRemaining(c -> contact.put(c.id(), c));
      }
      assertThat(contact.get(updated).kind()).isEqualTo(ChangeKind.CHANGED);
      assertThat(contact.get(updated).fields())
          .anySatisfy(
              f -> {
                assertThat(f.field()).isEqualTo("LastName");
                assertThat(f.newValue()).isEqualTo("Renamed, \"Q\"");
              });
      assertThat(contact.get(deleted).kind()).isEqualTo(ChangeKind.DELETED);
      assertThat(contact.get(undeletedAfterA).kind()).isEqualTo(ChangeKind.ADDED);
      assertThat(contact.get(inserted).kind()).isEqualTo(ChangeKind.ADDED);
      assertThat(contact).doesNotContainKey(insertedAndDeleted);
      // Deleted then undeleted: present at both, so never DELETED or ADDED.
      assertThat(Optional.ofNullable(contact.get(deletedAndUndeleted)).map(RecordChange::kind))
          .isIn(Optional.empty(), Optional.of(ChangeKind.CHANGED));
      try (ChangeStream s = Comparison.between(store, 1, 2).stream(CompareFilter.ALL)) {
        List<RecordChange> files = new ArrayList<>();
        s.forEachRemaining(
            c -> {
              if (c.object().equals("ContentVersion")) files.add(c);
            });
        assertThat(files)
            .as("the simulated day adds files")
            .anyMatch(c -> c.kind() == ChangeKind.ADDED);
      }
    }
  }

  @Test
  void filtersKeepOnlyWhatTheyName() {
    try (RecordStore store = fx.openStore()) {
      Comparison c = Comparison.between(store, 1, 3);
      List<RecordChange> all = new ArrayList<>();
      try (ChangeStream s = c.stream(CompareFilter.ALL)) {
        s.forEachRemaining(all::add);
      }
      List<RecordChange> deletions = new ArrayList<>();
      try (ChangeStream s = c.stream(CompareFilter.ALL.kinds(Set.of(ChangeKind.DELETED)))) {
        s.forEachRemaining(deletions::add);
      }
      assertThat(deletions)
          .isEqualTo(all.stream().filter(x -> x.kind() == ChangeKind.DELETED).toList());
      List<RecordChange> lastName = new ArrayList<>();
      CompareFilter f =
          CompareFilter.ALL
              .objects(Set.of("Contact"))
              .kinds(Set.of(ChangeKind.CHANGED))
              .fields(Set.of("LastName"));
      try (ChangeStream s = c.stream(f)) {
        s.forEachRemaining(lastName::add);
      }
      assertThat(lastName)
          .isNotEmpty()
          .allSatisfy(
              x ->
                  assertThat(x.fields())
                      .extracting(FieldChange::field)
                      .containsExactly("LastName"));
      assertThat(lastName)
          .extracting(RecordChange::id)
          .isEqualTo(
              all.stream()
                  .filter(
                      x ->
                          x.object().equals("Contact")
                              && x.fields().stream().anyMatch(y -> y.field().equals("LastName")))
                  .map(RecordChange::id)
                  .toList());
      assertThat(c.summary(f).objects())
          .singleElement()
          .satisfies(o -> assertThat(o.changed()).isEqualTo(lastName.size()));
    }
  }

  @Test
  void pagesTogetherAreTheStreamAndCursorsAreBoundToTheirComparison() {
    try (RecordStore store = fx.openStore()) {
      Comparison c = Comparison.between(store, 1, 3);
      List<RecordChange> all = new ArrayList<>();
      try (ChangeStream s = c.stream(CompareFilter.ALL)) {
        s.forEachRemaining(all::add);
      }
      List<RecordChange> paged = new ArrayList<>();
      String cursor = null;
      String someCursor = null;
      do {
        ComparePage p = c.page(CompareFilter.ALL, cursor, 7);
        assertThat(p.changes().size()).isLessThanOrEqualTo(7);
        paged.addAll(p.changes());
        cursor = p.nextCursor().orElse(null);
        someCursor = someCursor == null ? cursor : someCursor;
      } while (cursor != null);
      assertThat(paged).isEqualTo(all);
      assertThat(someCursor).doesNotContain(all.get(6).id());

      String token = someCursor;
      assertThatThrownBy(() -> Comparison.between(store, 2, 3).page(CompareFilter.ALL, token, 7))
          .isInstanceOf(InvalidCursorException.class)
          .hasMessageContaining("another comparison");
      assertThatThrownBy(() -> c.page(CompareFilter.ALL.objects(Set.of("Contact")), token, 7))
          .isInstanceOf(InvalidCursorException.class)
          .hasMessageContaining("another filter");
      char[] chars = token.toCharArray();
      chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
      assertThatThrownBy(() -> c.page(CompareFilter.ALL, new String(chars), 7))
          .isInstanceOf(InvalidCursorException.class);
      assertThatThrownBy(() -> c.page(CompareFilter.ALL, "not a cursor!", 7))
          .isInstanceOf(InvalidCursorException.class);
      assertThatThrownBy(() -> c.page(CompareFilter.ALL, null, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Comparison.between(store, 3, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Comparison.between(store, 1, 99))
          .hasMessageContaining("no backup 99");
    }
  }
}
