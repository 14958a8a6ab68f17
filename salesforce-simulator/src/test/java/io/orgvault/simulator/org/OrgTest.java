package io.orgvault.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrgTest {
  private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  private Org org;
  private String user;

  @BeforeEach
  void generate() {
    org = Org.generate(7, new OrgSize(500), new OrgClock(START, false));
    user = org.integrationUserId();
  }

  @Test
  void sameSeedGivesSameOrgAndAnotherSeedDoesNot() {
    Org twin = Org.generate(7, new OrgSize(500), new OrgClock(START, false));
    Org other = Org.generate(8, new OrgSize(500), new OrgClock(START, false));
    ObjectTable a = org.table("Contact");
    ObjectTable b = twin.table("Contact");
    int differences = 0;
    for (int r = 0; r < a.size(); r++) {
      for (int f = 0; f < a.schema().fields().size(); f++) {
        assertThat(b.value(r, f)).isEqualTo(a.value(r, f));
      }
      if (!a.value(r, "LastName").equals(other.table("Contact").value(r, "LastName"))) {
        differences++;
      }
    }
    assertThat(differences).isGreaterThan(a.size() / 2);
  }

  @Test
  void generatedRowsHaveConsistentSystemFieldsAndLiveReferences() {
    ObjectTable contacts = org.table("Contact");
    assertThat(contacts.size()).isEqualTo(500);
    for (int r = 0; r < contacts.size(); r++) {
      Instant created = (Instant) contacts.value(r, SObjectSchema.CREATED_DATE);
      Instant modstamp = (Instant) contacts.value(r, SObjectSchema.SYSTEM_MODSTAMP);
      assertThat(created).isBefore(START);
      assertThat(modstamp).isAfterOrEqualTo(created).isBeforeOrEqualTo(START);
      assertThat(contacts.value(r, SObjectSchema.IS_DELETED)).isEqualTo(false);
      String account = (String) contacts.value(r, "AccountId");
      Org.RowRef ref = org.find(account);
      assertThat(ref).isNotNull();
      assertThat(ref.table().schema().name()).isEqualTo("Account");
      assertThat(org.find((String) contacts.value(r, "OwnerId")).table().schema().name())
          .isEqualTo("User");
    }
    // A ContentVersion's document points back at it, and the body has the size it claims.
    ObjectTable cv = org.table("ContentVersion");
    String doc = (String) cv.value(0, "ContentDocumentId");
    ObjectTable cd = org.table("ContentDocument");
    assertThat(cd.value(cd.rowOf(doc), "LatestPublishedVersionId")).isEqualTo(cv.id(0));
    byte[] body = org.blob("ContentVersion", cv.id(0), "VersionData");
    assertThat(body).hasSize((Integer) cv.value(0, "ContentSize"));
  }

  @Test
  void insertValidatesAndStampsSystemFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("lastname", "Hopper");
    fields.put("Birthdate", "1906-12-09");
    fields.put("AccountId", org.table("Account").id(3));
    DmlResult r = org.insert("contact", fields, user);
    assertThat(r.success()).isTrue();
    assertThat(r.created()).isTrue();
    ObjectTable contacts = org.table("Contact");
    int row = contacts.rowOf(r.id());
    assertThat(contacts.value(row, "LastName")).isEqualTo("Hopper");
    assertThat(contacts.value(row, "Name"))
        .as("compound name of a last name only")
        .isEqualTo("Hopper");
    assertThat(contacts.value(0, "Name"))
        .isEqualTo(contacts.value(0, "FirstName") + " " + contacts.value(0, "LastName"));
    assertThat(contacts.value(row, "Birthdate")).isEqualTo(LocalDate.of(1906, 12, 9));
    assertThat(contacts.value(row, "OwnerId")).isEqualTo(user);
    assertThat(contacts.value(row, "CreatedById")).isNotNull();
    assertThat(contacts.systemModstamp(row)).isGreaterThanOrEqualTo(START.toEpochMilli());
  }

  @Test
  void insertReportsSalesforceStatusCodes() {
    assertThat(code(org.insert("Contact", Map.of("FirstName", "Ada"), user)))
        .isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(code(org.insert("Contact", Map.of("LastName", "x", "Nope__c", 1), user)))
        .isEqualTo("INVALID_FIELD");
    assertThat(
            code(
                org.insert(
                    "Contact",
                    Map.of("LastName", "x", "CreatedDate", "2020-01-01T00:00:00Z"),
                    user)))
        .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    assertThat(code(org.insert("Contact", Map.of("LastName", "x", "Birthdate", "yesterday"), user)))
        .isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
    assertThat(code(org.insert("Contact", Map.of("LastName", "x".repeat(81)), user)))
        .isEqualTo("STRING_TOO_LONG");
    assertThat(
            code(
                org.insert(
                    "Contact",
                    Map.of("LastName", "x", "AccountId", org.table("Contact").id(0)),
                    user)))
        .isEqualTo("INVALID_CROSS_REFERENCE_KEY");
    assertThat(code(org.insert("Contact", Map.of("LastName", "x", "Email", "not-an-email"), user)))
        .isEqualTo("INVALID_EMAIL_ADDRESS");
    assertThat(code(org.insert("NoSuchObject", Map.of(), user))).isEqualTo("NOT_FOUND");
  }

  @Test
  void deleteCascadesAndUndeleteRestoresTheSameRows() {
    ObjectTable projects = org.table("Project__c");
    ObjectTable milestones = org.table("Milestone__c");
    String project = projects.id(0);
    int children = 0;
    for (int r = 0; r < milestones.size(); r++) {
      if (project.equals(milestones.value(r, "Project__c"))) {
        children++;
      }
    }
    assertThat(children).as("generated org has milestones for project 1").isPositive();
    // One milestone deleted on its own earlier must stay deleted after the project's undelete.
    int loneRow = firstChild(milestones, project);
    assertThat(org.delete(milestones.id(loneRow), user).success()).isTrue();

    assertThat(org.delete(project, user).success()).isTrue();
    assertThat(projects.isRecycled(0)).isTrue();
    for (int r = 0; r < milestones.size(); r++) {
      if (project.equals(milestones.value(r, "Project__c"))) {
        assertThat(milestones.isRecycled(r)).isTrue();
      }
    }
    assertThat(code(org.delete(project, user))).isEqualTo("ENTITY_IS_DELETED");
    assertThat(code(org.update("Project__c", project, Map.of("Budget__c", 1), user)))
        .isEqualTo("ENTITY_IS_DELETED");

    assertThat(org.undelete(project, user).success()).isTrue();
    assertThat(projects.isLive(0)).isTrue();
    for (int r = 0; r < milestones.size(); r++) {
      if (project.equals(milestones.value(r, "Project__c"))) {
        assertThat(milestones.isLive(r)).isEqualTo(r != loneRow);
      }
    }
    assertThat(code(org.undelete(project, user))).isEqualTo("UNDELETE_FAILED");
  }

  @Test
  void updateKeepsOtherFieldsAndUpsertMatchesExternalId() {
    ObjectTable accounts = org.table("Account");
    String id = accounts.id(5);
    Object name = accounts.value(5, "Name");
    String number = (String) accounts.value(5, "AccountNumber");
    assertThat(org.update("Account", id, Map.of("Phone", "+1 555 0100"), user).success()).isTrue();
    assertThat(accounts.value(5, "Phone")).isEqualTo("+1 555 0100");
    assertThat(accounts.value(5, "Name")).isEqualTo(name);

    Map<String, Object> upd = new HashMap<>(Map.of("AccountNumber", number, "Rating", "Hot"));
    DmlResult updated = org.upsert("Account", "AccountNumber", upd, user);
    assertThat(updated.success()).isTrue();
    assertThat(updated.created()).isFalse();
    assertThat(updated.id()).isEqualTo(id);
    DmlResult created =
        org.upsert(
            "Account", "AccountNumber", Map.of("AccountNumber", "NEW-1", "Name", "New"), user);
    assertThat(created.created()).isTrue();
    assertThat(code(org.upsert("Account", "Name", Map.of("Name", "x"), user)))
        .isEqualTo("INVALID_FIELD");
  }

  @Test
  void allOrNoneChecksEveryRecordAndWritesNothingWhenOneFails() {
    ObjectTable accounts = org.table("Account");
    int size = accounts.size();
    String id = accounts.id(2);
    Object phone = accounts.value(2, "Phone");
    long stamp = accounts.systemModstamp(2);
    List<DmlResult> r =
        org.writeAllOrNone(
            List.of(
                DmlOperation.upsert(
                    "Account", "AccountNumber", Map.of("AccountNumber", "AON-1", "Name", "A")),
                DmlOperation.update("Account", id, Map.of("Phone", "+1 555 0199")),
                DmlOperation.insert("Account", Map.of("Rating", "Hot")),
                DmlOperation.refused("x", new DmlException("INVALID_TYPE", "no type"))),
            user);
    assertThat(r).extracting(DmlResult::success).containsOnly(false);
    assertThat(code(r.get(0))).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(r.get(0).errors().get(0).getMessage()).isEqualTo(Org.ROLLED_BACK);
    assertThat(r.get(1).id()).isEqualTo(id);
    assertThat(code(r.get(1))).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    assertThat(code(r.get(2))).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(code(r.get(3))).isEqualTo("INVALID_TYPE");
    assertThat(r.get(3).id()).isEqualTo("x");
    assertThat(accounts.size()).isEqualTo(size);
    assertThat(accounts.value(2, "Phone")).isEqualTo(phone);
    assertThat(accounts.systemModstamp(2)).isEqualTo(stamp);

    List<DmlResult> ok =
        org.writeAllOrNone(
            List.of(
                DmlOperation.insert("Account", Map.of("Name", "AON 2")),
                DmlOperation.update("Account", id, Map.of("Phone", "+1 555 0199"))),
            user);
    assertThat(ok).extracting(DmlResult::success).containsExactly(true, true);
    assertThat(ok.get(0).created()).isTrue();
    assertThat(accounts.value(2, "Phone")).isEqualTo("+1 555 0199");
  }

  @Test
  void allOrNoneUndoesWritesWhenALaterWriteFailsOnWhatAnEarlierOneDid() {
    // Each call passes the check record by record; its last record fails only once the ones
    // before it are written, and those writes are undone.
    ObjectTable accounts = org.table("Account");
    String id = accounts.id(4);
    Object phone = accounts.value(4, "Phone");
    List<DmlResult> r =
        org.writeAllOrNone(
            List.of(
                DmlOperation.update("Account", id, Map.of("Phone", "+1 555 0142")),
                DmlOperation.delete(id),
                DmlOperation.delete(id)),
            user);
    assertThat(r)
        .extracting(OrgTest::code)
        .containsExactly(
            "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "ENTITY_IS_DELETED");
    assertThat(accounts.isLive(4)).isTrue();
    assertThat(accounts.value(4, "Phone")).isEqualTo(phone);

    String recycled = accounts.id(6);
    assertThat(org.delete(recycled, user).success()).isTrue();
    Object name = accounts.value(5, "Name");
    String number = (String) accounts.value(5, "AccountNumber");
    int size = accounts.size();
    Map<String, Object> fresh = Map.of("AccountNumber", "AON-9", "Name", "Once");
    List<DmlResult> u =
        org.writeAllOrNone(
            List.of(
                DmlOperation.upsert(
                    "Account", "AccountNumber", Map.of("AccountNumber", number, "Name", "Changed")),
                DmlOperation.upsert("Account", "AccountNumber", fresh),
                DmlOperation.undelete(recycled),
                DmlOperation.undelete(recycled)),
            user);
    assertThat(code(u.get(3))).isEqualTo("UNDELETE_FAILED");
    assertThat(accounts.value(5, "Name")).isEqualTo(name);
    assertThat(accounts.isRecycled(6)).isTrue();
    assertThat(accounts.size()).isEqualTo(size + 1);
    assertThat(accounts.isPurged(size)).as("the row the upsert inserted").isTrue();
    assertThat(org.upsert("Account", "AccountNumber", fresh, user).created()).isTrue();
  }

  @Test
  void newContentVersionCreatesItsDocument() {
    DmlResult r =
        org.insert(
            "ContentVersion",
            Map.of("PathOnClient", "Q3 report.PDF", "VersionData", "aGVsbG8="),
            user);
    assertThat(r.success()).isTrue();
    ObjectTable cv = org.table("ContentVersion");
    int row = cv.rowOf(r.id());
    assertThat(cv.value(row, "Title")).isEqualTo("Q3 report");
    assertThat(cv.value(row, "FileExtension")).isEqualTo("pdf");
    assertThat(cv.value(row, "ContentSize")).isEqualTo(5);
    String doc = (String) cv.value(row, "ContentDocumentId");
    ObjectTable cd = org.table("ContentDocument");
    assertThat(cd.value(cd.rowOf(doc), "LatestPublishedVersionId")).isEqualTo(r.id());
    assertThat(new String(org.blob("ContentVersion", r.id(), "VersionData"))).isEqualTo("hello");

    DmlResult v2 =
        org.insert(
            "ContentVersion",
            Map.of(
                "ContentDocumentId", doc, "PathOnClient", "Q3 report.pdf", "VersionData", "aGk="),
            user);
    assertThat(cv.value(cv.rowOf(v2.id()), "VersionNumber")).isEqualTo("2");
    assertThat(cv.value(row, "IsLatest")).isEqualTo(false);
    assertThat(cd.value(cd.rowOf(doc), "LatestPublishedVersionId")).isEqualTo(v2.id());
  }

  @Test
  void simulatedDayChangesAboutTheConfiguredShareAndPurgesOldDeletes() {
    org = Org.generate(7, new OrgSize(20_000), new OrgClock(START, false));
    ObjectTable contacts = org.table("Contact");
    long before = START.toEpochMilli();
    DayReport d1 = org.simulateDay(DayRates.typical());
    assertThat(d1.day()).isEqualTo(1);
    long modified = 0;
    long recycled = 0;
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.systemModstamp(r) > before) {
        modified++;
      }
      if (contacts.isRecycled(r)) {
        recycled++;
      }
    }
    // 1% updated + 0.1% deleted + 0.2% inserted of 20,000 contacts, plus cascades from accounts.
    assertThat(modified).isBetween(200L, 400L);
    assertThat(recycled).isBetween(10L, 60L);
    assertThat(contacts.size()).isEqualTo(20_040);
    assertThat(org.clock().now()).isAfterOrEqualTo(START.plusSeconds(86_400));

    for (int day = 2; day <= 16; day++) {
      org.simulateDay(DayRates.typical());
    }
    long purged = 0;
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.isPurged(r)) {
        purged++;
      }
    }
    assertThat(purged).as("day-1 deletes leave the recycle bin after 15 days").isPositive();
  }

  @Test
  void simulatedDaysAreDeterministic() {
    Org twin = Org.generate(7, new OrgSize(500), new OrgClock(START, false));
    assertThat(org.simulateDay(DayRates.typical())).isEqualTo(twin.simulateDay(DayRates.typical()));
    ObjectTable a = org.table("Contact");
    ObjectTable b = twin.table("Contact");
    assertThat(b.size()).isEqualTo(a.size());
    for (int r = 0; r < a.size(); r++) {
      assertThat(b.systemModstamp(r)).isEqualTo(a.systemModstamp(r));
      assertThat(b.value(r, "Email")).isEqualTo(a.value(r, "Email"));
    }
  }

  private static int firstChild(ObjectTable t, String parent) {
    for (int r = 0; r < t.size(); r++) {
      if (parent.equals(t.value(r, "Project__c"))) {
        return r;
      }
    }
    throw new AssertionError("no child");
  }

  private static String code(DmlResult r) {
    assertThat(r.success()).isFalse();
    return r.errors().get(0).statusCode();
  }
}
