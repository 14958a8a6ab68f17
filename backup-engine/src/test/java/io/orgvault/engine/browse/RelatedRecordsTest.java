package io.orgvault.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
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
  void theBackupRecordedDescribeRelationships() {
    try (RecordStore store = fx.openStore()) {
      Manifest m = store.manifest(backup);
      ObjectDescribe account = m.object("Account").orElseThrow().describe();
      assertThat(account).isNotNull();
      assertThat(account.keyPrefix()).isEqualTo("001");
      assertThat(account.childRelationships())
          .extracting(
              ObjectDescribe.ChildRelation::childSObject, ObjectDescribe.ChildRelation::field)
          .contains(
              org.assertj.core.groups.Tuple.tuple("Contact", "AccountId"),
              org.assertj.core.groups.Tuple.tuple("Opportunity", "AccountId"),
              org.assertj.core.groups.Tuple.tuple("Case", "AccountId"));
      ObjectDescribe task = m.object("Task").orElseThrow().describe();
      assertThat(task.field("WhatId").orElseThrow().referenceTo())
          .containsExactly("Account", "Opportunity");
      assertThat(m.object("Milestone__c").orElseThrow().describe().field("Project__c"))
          .hasValueSatisfying(f -> assertThat(f.cascadeDelete()).isTrue());
      assertThat(m.object("Case").orElseThrow().describe().field("CaseNumber"))
          .hasValueSatisfying(
              f -> {
                assertThat(f.autoNumber()).isTrue();
                assertThat(f.createable()).isFalse();
              });
    }
  }

  @Test
  void aPolymorphicParentIsTheTargetWhoseKeyPrefixTheIdCarries() {
    Org org = fx.sim.org();
    try (RecordStore store = fx.openStore()) {
      RelatedRecords related = new RelatedRecords(store, backup);
      int checked = 0;
      for (String object : List.of("Task", "Attachment")) {
        ObjectTable t = org.table(object);
        String field = object.equals("Task") ? "WhatId" : "ParentId";
        for (int row = 0; row < t.size() && row < 50; row++) {
          if (!t.isLive(row) || !(t.value(row, field) instanceof String parent)) {
            continue;
          }
          String expectedObject = org.find(parent).table().schema().name();
          assertThat(related.parents(object, t.id(row)))
              .filteredOn(p -> p.field().equals(field))
              .singleElement()
              .satisfies(
                  p -> {
                    assertThat(p.object()).isEqualTo(expectedObject);
                    assertThat(p.id()).isEqualTo(parent);
                  });
          checked++;
        }
      }
      assertThat(checked).isPositive();
    }
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
      Set<String> childObjectsSeen = new TreeSet<>();
      for (int r = 0; r < accounts.size() && checked < 6; r += 5) {
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
        assertThat(related.childObjectsRead(account))
            .as("only the objects Account's child relationships name are read")
            .containsExactly(
                "Account",
                "Attachment",
                "Case",
                "Contact",
                "ContentDocumentLink",
                "Opportunity",
                "Project__c",
                "Task");
        Set<String> actual = new TreeSet<>();
        related
            .children(account)
            .forEach(c -> actual.add(c.object() + "." + c.field() + " " + c.id()));
        assertThat(actual).as(account).isEqualTo(expected);
        related.children(account).forEach(c -> childObjectsSeen.add(c.object()));
        checked += expected.isEmpty() ? 0 : 1;
      }
      assertThat(checked).isPositive();
      assertThat(childObjectsSeen)
          .contains("Contact", "Opportunity", "Case")
          .containsAnyOf("Attachment", "ContentDocumentLink");

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
