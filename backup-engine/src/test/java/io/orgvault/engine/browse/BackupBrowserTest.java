package io.orgvault.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.CursorSeal;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.TextTokens;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.ObjectTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browsing a backup, checked against the simulated org's own records. */
class BackupBrowserTest {
  private static SimBackups fx;
  private static long latest;

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(300);
    fx.backup();
    fx.sim.simulateDay(DayRates.typical());
    latest = fx.backup();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static List<String> orgIds(String object, BiPredicate<ObjectTable, Integer> keep) {
    ObjectTable t = fx.sim.org().table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && keep.test(t, r)) {
        out.add(t.id(r));
      }
    }
    out.sort(null);
    return out;
  }

  private static List<String> all(
      BackupBrowser b, java.util.function.Function<String, RecordPage> page) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      RecordPage p = page.apply(cursor);
      p.records().forEach(v -> ids.add(v.id()));
      cursor = p.nextCursor().orElse(null);
    } while (cursor != null);
    return ids;
  }

  @Test
  void objectsCountsAndPagedRecordsEqualTheOrg() {
    try (RecordStore store = fx.openStore()) {
      BackupBrowser b = new BackupBrowser(store, latest);
      for (ObjectCount o : b.objects()) {
        assertThat(o.records()).as(o.object()).isEqualTo(orgIds(o.object(), (t, r) -> true).size());
      }
      assertThat(all(b, c -> b.records("Contact", c, 37)))
          .isEqualTo(orgIds("Contact", (t, r) -> true));
      String id = orgIds("Contact", (t, r) -> true).get(5);
      RecordVersion v = b.get("Contact", id).orElseThrow();
      ObjectTable t = fx.sim.org().table("Contact");
      assertThat(v.fields().get("LastName")).isEqualTo(t.value(t.rowOf(id), "LastName"));
    }
  }

  @Test
  void equalityAndTextSearchFindWhatTheOrgHas() {
    try (RecordStore store = fx.openStore()) {
      BackupBrowser b = new BackupBrowser(store, latest);
      ObjectTable t = fx.sim.org().table("Contact");
      String someId = orgIds("Contact", (x, r) -> true).get(10);
      String account = (String) t.value(t.rowOf(someId), "AccountId");
      assertThat(all(b, c -> b.whereEquals("Contact", "AccountId", account, c, 3)))
          .isEqualTo(orgIds("Contact", (x, r) -> account.equals(x.value(r, "AccountId"))))
          .contains(someId);

      String lastName = (String) t.value(t.rowOf(someId), "LastName");
      String needle =
          lastName.substring(0, Math.min(4, lastName.length())).toUpperCase(Locale.ROOT);
      List<String> fields =
          BackupBrowser.searchableFields(store.snapshot(latest).schema("Contact"));
      assertThat(fields).contains("LastName", "FirstName", "Email", "Phone");
      List<String> words = TextTokens.words(needle);
      assertThat(all(b, c -> b.search("Contact", needle, c, 5)))
          .isEqualTo(
              orgIds(
                  "Contact",
                  (x, r) -> {
                    java.util.Map<String, Object> values = new java.util.HashMap<>();
                    fields.forEach(f -> values.put(f, x.value(r, f)));
                    return TextTokens.matches(values, fields, words);
                  }))
          .contains(someId);
      assertThatThrownBy(() -> b.search("Contact", "a", null, 5))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.whereEquals("Contact", "NoSuchField", "x", null, 5))
          .hasMessageContaining("no field");
    }
  }

  @Test
  void cursorsAreBoundToTheirListingStoreAndPurpose() throws Exception {
    try (RecordStore store = fx.openStore()) {
      BackupBrowser b = new BackupBrowser(store, latest);
      String cursor = b.records("Contact", null, 10).nextCursor().orElseThrow();
      assertThat(b.records("Contact", cursor, 10).records()).hasSize(10);
      assertThatThrownBy(() -> b.records("Account", cursor, 10))
          .isInstanceOf(InvalidCursorException.class);
      assertThatThrownBy(() -> new BackupBrowser(store, latest - 1).records("Contact", cursor, 10))
          .isInstanceOf(InvalidCursorException.class);
      assertThatThrownBy(() -> b.search("Contact", "ab", cursor, 10))
          .isInstanceOf(InvalidCursorException.class);
      assertThatThrownBy(
              () ->
                  Comparison.between(store, latest - 1, latest).page(CompareFilter.ALL, cursor, 10))
          .isInstanceOf(InvalidCursorException.class);

      Path dir = Files.createTempDirectory("orgvault-other-tenant");
      FileKeyEncryptionKey.generate(dir.resolve("kek"));
      String sealed = CursorSeal.of(store, "browse").seal("x".getBytes(StandardCharsets.UTF_8));
      try (RecordStore other =
          RecordStore.create(
              dir.resolve("v"), "tenant-other", FileKeyEncryptionKey.load(dir.resolve("kek")))) {
        assertThatThrownBy(() -> CursorSeal.of(other, "browse").open(sealed))
            .isInstanceOf(InvalidCursorException.class)
            .hasMessage("not a cursor of this store");
      }
      assertThat(CursorSeal.of(store, "browse").open(sealed))
          .isEqualTo("x".getBytes(StandardCharsets.UTF_8));
    }
  }
}
