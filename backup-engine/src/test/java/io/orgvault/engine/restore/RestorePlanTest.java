package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreCorruptedException;
import io.orgvault.simulator.org.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans against the simulated org: nothing is written, every decision follows the org's state. */
class RestorePlanTest {
  private SimBackups fx;
  private Org org;
  private String user;

  @BeforeEach
  void start() throws Exception {
    fx = new SimBackups(120);
    org = fx.sim.org();
    user = org.integrationUserId();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private RestorePlan plan(RestoreSelection s, RestoreOptions o) {
    try (RecordStore store = fx.openStore()) {
      return new RestorePlanner(store, fx.client(), org.orgId(), Clock.systemUTC()).plan(s, o);
    }
  }

  @Test
  void aDeletedAccountStillInTheRecycleBinIsUndeletedWithItsChildren() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    List<String> contacts = OrgPicture.liveWhere(org, "Contact", "AccountId", account);
    assertThat(org.delete(account, user).success()).isTrue();

    RestorePlan p =
        plan(
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());

    assertThat(p.records())
        .filteredOn(r -> r.sourceId().equals(account))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo(RestoreAction.UNDELETE);
              assertThat(r.targetId()).isEqualTo(account);
            });
    for (String c : contacts) {
      assertThat(p.records())
          .filteredOn(r -> r.sourceId().equals(c))
          .singleElement()
          .extracting(PlannedRecord::action)
          .isEqualTo(RestoreAction.UNDELETE);
    }
    assertThat(p.order().indexOf("Account")).isLessThan(p.order().indexOf("Contact"));
    assertThat(p.sameOrg()).isTrue();
  }

  @Test
  void aPurgedAccountIsCreatedAndItsChildrenPointAtItsNewIdWhenRun() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    List<String> contacts = OrgPicture.liveWhere(org, "Contact", "AccountId", account);
    List<String> cases = OrgPicture.liveWhere(org, "Case", "AccountId", account);
    assertThat(org.delete(account, user).success()).isTrue();
    purgeWithChildren(account);

    RestorePlan p =
        plan(
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());

    PlannedRecord acc = record(p, account);
    assertThat(acc.action()).isEqualTo(RestoreAction.CREATE);
    assertThat(acc.fields()).containsKey("Name").doesNotContainKeys("Id", "CreatedDate");
    for (String c : contacts) {
      PlannedRecord r = record(p, c);
      assertThat(r.action()).isEqualTo(RestoreAction.CREATE);
      assertThat(r.rewrites()).contains("AccountId");
      assertThat(r.fields()).containsEntry("AccountId", account);
      assertThat(r.leftOut()).extracting(LeftOutField::field).contains("Name");
    }
    for (String c : cases) {
      assertThat(record(p, c).leftOut()).contains(new LeftOutField("CaseNumber", "auto number"));
    }
    assertThat(p.totals())
        .filteredOn(t -> t.object().equals("Contact"))
        .singleElement()
        .satisfies(t -> assertThat(t.create()).isEqualTo(contacts.size()));
    assertThat(p.estimatedApiCalls()).isPositive();
  }

  @Test
  void fieldLevelRollbackWritesOnlyTheChosenFieldsAndAConflictFollowsThePolicy() {
    long b1 = fx.backup();
    String contact =
        OrgPicture.liveWhere(org, "Contact", "AccountId", OrgPicture.accountWithChildren(org, 1))
            .get(0);
    Object email = OrgPicture.value(org, contact, "Email");
    Object title = OrgPicture.value(org, contact, "Title");
    org.update(
        "Contact", contact, java.util.Map.of("Email", "wrong@example.com", "Title", "Wrong"), user);
    fx.backup();

    RestoreSelection one = new RestoreSelection.RecordVersionOf(b1, "Contact", contact);
    PlannedRecord rollback =
        record(plan(one, RestoreOptions.defaults().withFields(Set.of("Email"))), contact);
    assertThat(rollback.action()).isEqualTo(RestoreAction.UPDATE);
    assertThat(rollback.targetId()).isEqualTo(contact);
    assertThat(rollback.fields()).containsExactly(java.util.Map.entry("Email", email));
    assertThat(rollback.conflicts()).isEmpty();

    PlannedRecord whole = record(plan(one, RestoreOptions.defaults()), contact);
    assertThat(whole.fields()).containsEntry("Email", email).containsEntry("Title", title);

    // changed in the org after the last backup: a conflict
    org.update("Contact", contact, java.util.Map.of("Email", "newer@example.com"), user);
    PlannedRecord skipped =
        record(plan(one, RestoreOptions.defaults().withFields(Set.of("Email"))), contact);
    assertThat(skipped.action()).isEqualTo(RestoreAction.SKIP);
    assertThat(skipped.reason()).contains("conflict").contains("skipped");
    assertThat(skipped.conflicts())
        .containsExactly(new FieldConflict("Email", email, "newer@example.com"));
    PlannedRecord overwritten =
        record(
            plan(
                one,
                RestoreOptions.defaults()
                    .withFields(Set.of("Email"))
                    .withConflicts(ConflictPolicy.OVERWRITE)),
            contact);
    assertThat(overwritten.action()).isEqualTo(RestoreAction.UPDATE);
    assertThat(overwritten.conflicts()).hasSize(1);

    // Title was not changed after the last backup: no conflict for a Title-only rollback
    PlannedRecord titleOnly =
        record(plan(one, RestoreOptions.defaults().withFields(Set.of("Title"))), contact);
    assertThat(titleOnly.action()).isEqualTo(RestoreAction.UPDATE);
    assertThat(titleOnly.conflicts()).isEmpty();
  }

  @Test
  void anUnchangedRecordIsSkippedAndAddedRecordsOfACompareAreNeverDeleted() {
    long b1 = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 1);
    java.util.Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("LastName", "Added");
    fields.put("AccountId", account);
    String added = org.insert("Contact", fields, user).id();
    String changed = OrgPicture.liveWhere(org, "Contact", "AccountId", account).get(0);
    org.update("Contact", changed, java.util.Map.of("Title", "Changed"), user);
    long b2 = fx.backup();

    RestorePlan p =
        plan(
            new RestoreSelection.CompareRecords(
                b1, b2, io.orgvault.engine.compare.CompareFilter.ALL.objects(Set.of("Contact"))),
            RestoreOptions.defaults());
    assertThat(record(p, added).action()).isEqualTo(RestoreAction.SKIP);
    assertThat(record(p, added).reason()).contains("does not delete");
    assertThat(record(p, changed).action()).isEqualTo(RestoreAction.UPDATE);
    assertThat(record(p, changed).fields()).containsKey("Title");

    PlannedRecord same =
        record(
            plan(
                new RestoreSelection.RecordVersionOf(b2, "Account", account),
                RestoreOptions.defaults()),
            account);
    assertThat(same.action()).isEqualTo(RestoreAction.SKIP);
    assertThat(same.reason()).isEqualTo("unchanged in org");
  }

  @Test
  void aPlanIsSealedInTheVolumeReadBackEqualAndATamperedOneIsRefused() throws Exception {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    org.delete(account, user);
    purgeWithChildren(account);
    RestorePlan p;
    try (RecordStore store = fx.openStore()) {
      p =
          new RestorePlanner(store, fx.client(), org.orgId(), Clock.systemUTC())
              .planAndSave(
                  new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
                  RestoreOptions.defaults());
      RestorePlan back = RestoreFiles.loadPlan(store, p.restoreId());
      assertThat(back).isEqualTo(p);
      assertThat(PlanJson.toJson(back)).isEqualTo(PlanJson.toJson(p));
    }
    Path file = fx.volume.resolve(RestoreFiles.plan(p.restoreId()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    try (RecordStore store = fx.openStore()) {
      assertThatThrownBy(() -> RestoreFiles.loadPlan(store, p.restoreId()))
          .isInstanceOf(StoreCorruptedException.class);
      assertThatThrownBy(() -> RestoreFiles.loadPlan(store, "../../etc"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRecordTheBackupDoesNotHoldIsATypedError() {
    long b = fx.backup();
    assertThatThrownBy(
            () ->
                plan(
                    new RestoreSelection.RecordVersionOf(b, "Account", "001000000000000AAA"),
                    RestoreOptions.defaults()))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining("holds no live Account");
    assertThatThrownBy(
            () ->
                plan(new RestoreSelection.ObjectAsOf(b + 5, "Account"), RestoreOptions.defaults()))
        .isInstanceOf(SelectionException.class);
  }

  private void purgeWithChildren(String account) {
    for (String object : List.of("Contact", "Opportunity", "Case")) {
      for (String id : OrgPicture.rowsWhere(org, object, "AccountId", account)) {
        if (OrgPicture.isRecycled(org, id)) {
          assertThat(org.purge(id).success()).isTrue();
        }
      }
    }
    assertThat(org.purge(account).success()).isTrue();
  }

  static PlannedRecord record(RestorePlan p, String sourceId) {
    return p.records().stream()
        .filter(r -> r.sourceId().equals(sourceId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not in the plan: " + sourceId));
  }
}
