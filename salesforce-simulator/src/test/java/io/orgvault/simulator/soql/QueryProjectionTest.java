package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryProjectionTest {
  private final Org org = SoqlFixtures.org(1000);
  private final QueryEngine engine = new QueryEngine(org);

  @Test
  void columnsAreSpelledAsDescribeSpellsThemAndValuesComeFromTheTable() {
    QueryResult r =
        engine.execute("select id, LASTNAME, email, systemmodstamp from contact", false);

    assertThat(r.object().name()).isEqualTo("Contact");
    assertThat(r.isCount()).isFalse();
    assertThat(r.columns())
        .extracting(Column::dotted)
        .containsExactly("Id", "LastName", "Email", "SystemModstamp");
    assertThat(r.totalSize()).isEqualTo(1000);
    ObjectTable t = org.table("Contact");
    for (int i : new int[] {0, 1, 499, 999}) {
      int row = r.row(i);
      assertThat(r.value(i, r.columns().get(0))).isEqualTo(t.id(row));
      assertThat(r.value(i, r.columns().get(1))).isEqualTo(t.value(row, "LastName"));
      assertThat(r.value(i, r.columns().get(2))).isEqualTo(t.value(row, "Email"));
      assertThat(r.value(i, r.columns().get(3))).isEqualTo(t.value(row, "SystemModstamp"));
    }
  }

  @Test
  void withoutOrderByRowsComeInIdOrder() {
    QueryResult r = engine.execute("SELECT Id FROM Account", false);

    assertThat(SoqlFixtures.ids(r)).isSortedAccordingTo(String::compareTo).hasSize(200);
  }

  @Test
  void parentFieldsFollowReferencesThroughSeveralLevels() {
    QueryResult r =
        engine.execute(
            "SELECT Id, Account.Name, account.owner.USERNAME, Account.Id FROM Contact LIMIT 20",
            false);

    assertThat(r.columns())
        .extracting(Column::dotted)
        .containsExactly("Id", "Account.Name", "Account.Owner.Username", "Account.Id");
    assertThat(r.columns().get(2).relationships()).containsExactly("Account", "Owner");
    ObjectTable contacts = org.table("Contact");
    ObjectTable accounts = org.table("Account");
    ObjectTable users = org.table("User");
    for (int i = 0; i < r.totalSize(); i++) {
      String accountId = (String) contacts.value(r.row(i), "AccountId");
      int accountRow = accounts.rowOf(accountId);
      String ownerId = (String) accounts.value(accountRow, "OwnerId");
      assertThat(r.value(i, r.columns().get(1))).isEqualTo(accounts.value(accountRow, "Name"));
      assertThat(r.value(i, r.columns().get(2)))
          .isEqualTo(users.value(users.rowOf(ownerId), "Username"));
      assertThat(r.value(i, r.columns().get(3))).isEqualTo(accountId);
      assertThat(r.parent(i, List.of("Account")))
          .isEqualTo(new QueryResult.ParentRef(accounts.schema(), accountId));
      assertThat(r.parent(i, List.of("account", "owner")).object().name()).isEqualTo("User");
    }
  }

  @Test
  void customRelationshipsUseTheirDoubleUnderscoreRName() {
    QueryResult r =
        engine.execute("SELECT Name, Project__r.Name, Project__r.Code__c FROM Milestone__c", false);

    assertThat(r.columns())
        .extracting(Column::dotted)
        .containsExactly("Name", "Project__r.Name", "Project__r.Code__c");
    ObjectTable projects = org.table("Project__c");
    String projectId = (String) org.table("Milestone__c").value(r.row(0), "Project__c");
    assertThat(r.value(0, r.columns().get(2)))
        .isEqualTo(projects.value(projects.rowOf(projectId), "Code__c"));
  }

  @Test
  void polymorphicRelationshipsResolveByTheIdsObject() {
    Map<String, Object> task = Map.of("Subject", "Call", "WhatId", org.table("Opportunity").id(3));
    String taskId = org.insert("Task", task, org.integrationUserId()).id();

    QueryResult r =
        engine.execute(
            "SELECT Id, What.Name, What.Type FROM Task WHERE Id = '" + taskId + "'", false);

    ObjectTable opps = org.table("Opportunity");
    assertThat(r.totalSize()).isEqualTo(1);
    assertThat(r.value(0, r.columns().get(1))).isEqualTo(opps.value(3, "Name"));
    assertThat(r.value(0, r.columns().get(2))).isEqualTo("Opportunity");
    assertThat(r.parent(0, List.of("What")))
        .isEqualTo(new QueryResult.ParentRef(opps.schema(), opps.id(3)));

    QueryResult generated = engine.execute("SELECT What.Name FROM Task LIMIT 1", false);
    ObjectTable tasks = org.table("Task");
    ObjectTable accounts = org.table("Account");
    String whatId = (String) tasks.value(generated.row(0), "WhatId");
    assertThat(generated.value(0, generated.columns().get(0)))
        .isEqualTo(accounts.value(accounts.rowOf(whatId), "Name"));
  }

  @Test
  void polymorphicRelationshipsOnlyOfferFieldsTheirTargetsShare() {
    assertThatThrownBy(() -> engine.execute("SELECT What.StageName FROM Task", false))
        .isInstanceOf(SoqlException.class)
        .hasMessageContaining("No such column 'StageName' on entity 'Name'")
        .extracting(e -> ((SoqlException) e).errorCode())
        .isEqualTo("INVALID_FIELD");
  }

  @Test
  void nullReferenceGivesNullParentValues() {
    String id = org.insert("Contact", Map.of("LastName", "Orphan"), org.integrationUserId()).id();

    QueryResult r =
        engine.execute(
            "SELECT Account.Name, Account.Owner.Username FROM Contact WHERE Id = '" + id + "'",
            false);

    assertThat(r.totalSize()).isEqualTo(1);
    assertThat(r.value(0, r.columns().get(0))).isNull();
    assertThat(r.value(0, r.columns().get(1))).isNull();
    assertThat(r.parent(0, List.of("Account"))).isNull();
  }

  @Test
  void fieldsMayBePrefixedWithTheObjectNameOrAnAlias() {
    QueryResult r = engine.execute("SELECT Contact.LastName, c.Email FROM Contact c", false);

    assertThat(r.columns()).extracting(Column::dotted).containsExactly("LastName", "Email");
  }

  @Test
  void valueAcceptsColumnsNotInTheSelectList() {
    QueryResult r = engine.execute("SELECT Id FROM Contact LIMIT 1", false);

    assertThat(r.value(0, new Column(List.of("Account", "Name")))).isNotNull();
    assertThatThrownBy(() -> r.value(0, new Column(List.of("Nope"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countReturnsOnlyTheTotal() {
    QueryResult r = engine.execute("SELECT COUNT() FROM Contact WHERE LastName = 'Turing'", false);

    assertThat(r.isCount()).isTrue();
    assertThat(r.columns()).isEmpty();
    assertThat(r.totalSize())
        .isEqualTo(
            SoqlFixtures.scan(
                    org,
                    "Contact",
                    false,
                    row -> "Turing".equals(org.table("Contact").value(row, "LastName")))
                .size())
        .isPositive();
    assertThat(engine.execute("SELECT COUNT() FROM Contact LIMIT 7", false).totalSize())
        .isEqualTo(7);
    assertThatThrownBy(() -> r.row(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void fieldsFunctionSelectsTheDescribedFields() {
    QueryResult all = engine.execute("SELECT FIELDS(ALL) FROM Project__c LIMIT 200", false);
    SObjectSchema s = org.catalog().object("Project__c");
    assertThat(all.columns())
        .extracting(Column::dotted)
        .containsExactlyElementsOf(s.fields().stream().map(f -> f.name()).toList());
    assertThat(all.usesFieldsFunction()).isTrue();

    QueryResult custom = engine.execute("SELECT FIELDS(CUSTOM) FROM Project__c LIMIT 10", false);
    assertThat(custom.columns())
        .extracting(Column::dotted)
        .containsExactly("Account__c", "Code__c", "Budget__c", "Start_Date__c", "Status__c");

    QueryResult standard = engine.execute("SELECT FIELDS(STANDARD) FROM Project__c", false);
    assertThat(standard.columns()).extracting(Column::dotted).contains("Id", "Name");
    assertThat(standard.columns()).extracting(Column::dotted).doesNotContain("Code__c");
  }
}
