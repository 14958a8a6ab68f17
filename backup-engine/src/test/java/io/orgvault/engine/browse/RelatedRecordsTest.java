package io.orgvault.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parents and children in a backup, checked against the simulated org's own references. */
class RelatedRecordsTest {
  private static SimBackups fx;
  private static long backup;

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(200);
    backup = fx.backup();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void childrenAndParentsAreTheOrgsReferences() {
    Org org = fx.sim.org();
    try (RecordStore store = fx.openStore()) {
      Set<String> backedUp =
          store.manifest(backup).objects().stream()
              .map(Manifest.ObjectEntry::name)
              .collect(Collectors.toSet());
      RelatedRecords related = new RelatedRecords(store, backup);
      ObjectTable accounts = org.table("Account");
      int checked = 0;
      for (int r = 0; r < accounts.size() && checked < 3; r += 5) {
        String account = accounts.id(r);
        Set<String> expected = new TreeSet<>();
        for (ObjectTable t : org.tables()) {
          if (!backedUp.contains(t.schema().name())) {
            continue;
          }
          for (FieldDef f : t.schema().fields()) {
            if (f.type() != FieldType.REFERENCE) {
              continue;
            }
            for (int row = 0; row < t.size(); row++) {
              if (t.isLive(row) && account.equals(t.value(row, f.name()))) {
                expected.add(t.schema().name() + "." + f.name() + " " + t.id(row));
              }
            }
          }
        }
        Set<String> actual = new TreeSet<>();
        related
            .children(account)
            .forEach(c -> actual.add(c.object() + "." + c.field() + " " + c.id()));
        assertThat(actual).as(account).isEqualTo(expected);
        checked += expected.isEmpty() ? 0 : 1;
      }
      assertThat(checked).isPositive();

      ObjectTable contacts = org.table("Contact");
      String contact = contacts.id(7);
      List<String> expectedParents = new ArrayList<>();
      for (FieldDef f : contacts.schema().fields()) {
        if (f.type() == FieldType.REFERENCE && contacts.value(7, f.name()) instanceof String p) {
          Org.RowRef ref = org.find(p);
          expectedParents.add(
              f.name()
                  + " "
                  + ref.table().schema().name()
                  + " "
                  + p
                  + " "
                  + ref.table().isLive(ref.row()));
        }
      }
      List<String> parents = new ArrayList<>();
      related
          .parents("Contact", contact)
          .forEach(
              p -> parents.add(p.field() + " " + p.object() + " " + p.id() + " " + p.inBackup()));
      assertThat(parents).isNotEmpty().isEqualTo(expectedParents);
      assertThat(parents).anySatisfy(p -> assertThat(p).startsWith("AccountId Account "));
    }
  }
}
