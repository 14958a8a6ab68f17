package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.simulator.org.Org;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restores run against the simulated org; every assertion reads the org's own tables. */
class RestoreRunTest {
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

  @Test
  void aPurgedAccountHierarchyIsRecreatedWithEveryReferenceOnTheNewIds() {
    purgedHierarchyRestored(RestoreOptions.defaults());
  }

  @Test
  void aboveTheThresholdTheHierarchyGoesThroughBulkIngestWithTheSameResult() {
    RestorePlan p = purgedHierarchyRestored(RestoreOptions.defaults().withBulkThreshold(1));
    try (RecordStore store = fx.openStore()) {
      RestoreJournal j = RestoreJournal.open(store, p.restoreId());
      assertThat(j.isDone("CREATE/Contact/bulk/0")).isTrue();
      assertThat(j.isDone("CREATE/Contact/0")).isFalse();
    }
  }

  private RestorePlan purgedHierarchyRestored(RestoreOptions options) {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    Map<String, List<String>> children = children(account);
    Map<String, Map<String, Object>> before = backedUp(b, account, children);
    deleteAndPurge(account, children);

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            options);
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    assertThat(r.count(RestoreResult.Outcome.FAILED)).isZero();
    Map<String, String> ids = RestoreRun.targetIds(r);
    String newAccount = ids.get(account);
    assertThat(newAccount).isNotNull().isNotEqualTo(account);
    assertThat(OrgPicture.isLive(org, newAccount)).isTrue();
    assertThat(OrgPicture.value(org, newAccount, "Name"))
        .isEqualTo(before.get(account).get("Name"));
    for (Map.Entry<String, List<String>> e : children.entrySet()) {
      // exactly the backed-up children, each once, now under the new Account
      assertThat(OrgPicture.liveWhere(org, e.getKey(), "AccountId", newAccount))
          .as(e.getKey())
          .containsExactlyInAnyOrderElementsOf(e.getValue().stream().map(ids::get).toList());
      for (String old : e.getValue()) {
        String now = ids.get(old);
        assertThat(now).isNotEqualTo(old);
        for (String f : List.of("LastName", "Email", "Name", "StageName", "Subject")) {
          if (before.get(old).containsKey(f) && !f.equals("Name")
              || e.getKey().equals("Opportunity") && f.equals("Name")) {
            assertThat(OrgPicture.value(org, now, f))
                .as(e.getKey() + "." + f)
                .isEqualTo(before.get(old).get(f));
          }
        }
      }
    }
    for (String c : children.get("Case")) {
      Object contact = before.get(c).get("ContactId");
      if (contact instanceof String old && children.get("Contact").contains(old)) {
        assertThat(OrgPicture.value(org, ids.get(c), "ContactId")).isEqualTo(ids.get(old));
      }
    }

    // running it again writes nothing more
    RestoreReport again = RestoreRun.run(fx, p.restoreId());
    assertThat(again.apiCalls()).isZero();
    assertThat(OrgPicture.liveWhere(org, "Contact", "AccountId", newAccount))
        .hasSize(children.get("Contact").size());
    return p;
  }

  @Test
  void anAccountStillInTheRecycleBinIsUndeletedWithItsChildrenUnderTheSameIds() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    Map<String, List<String>> children = children(account);
    assertThat(org.delete(account, user).success()).isTrue();
    assertThat(OrgPicture.isLive(org, children.get("Contact").get(0))).isFalse();

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.count(RestoreResult.Outcome.FAILED)).isZero();
    assertThat(OrgPicture.isLive(org, account)).isTrue();
    for (List<String> ids : children.values()) {
      for (String id : ids) {
        assertThat(OrgPicture.isLive(org, id)).as(id).isTrue();
      }
    }
    assertThat(r.results())
        .filteredOn(x -> x.object().equals("Contact"))
        .allSatisfy(
            x -> {
              assertThat(x.outcome()).isEqualTo(RestoreResult.Outcome.SUCCESS);
              assertThat(x.targetId()).isEqualTo(x.sourceId());
              assertThat(x.note()).isEqualTo("came back with its parent's undelete");
            });
  }

  @Test
  void fieldLevelRollbackWritesTheChosenFieldOnlyAndAConflictIsSkippedOrOverwritten() {
    long b1 = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    List<String> contacts = OrgPicture.liveWhere(org, "Contact", "AccountId", account);
    String c1 = contacts.get(0);
    String c2 = contacts.get(1);
    Object email1 = OrgPicture.value(org, c1, "Email");
    Object email2 = OrgPicture.value(org, c2, "Email");
    for (String c : contacts.subList(0, 2)) {
      org.update("Contact", c, Map.of("Email", "bad-" + c + "@example.com", "Title", "Bad"), user);
    }
    fx.backup();
    // c2 changes again after the last backup: a conflict
    org.update("Contact", c2, Map.of("Email", "newest@example.com"), user);

    RestoreSelection s =
        new RestoreSelection.CompareRecords(
            b1, b1 + 1, io.orgvault.engine.compare.CompareFilter.ALL.objects(Set.of("Contact")));
    RestorePlan skip =
        RestoreRun.plan(fx, s, RestoreOptions.defaults().withFields(Set.of("Email")));
    RestoreReport r = RestoreRun.run(fx, skip.restoreId());
    assertThat(r.count(RestoreResult.Outcome.FAILED)).isZero();
    assertThat(OrgPicture.value(org, c1, "Email")).isEqualTo(email1);
    assertThat(OrgPicture.value(org, c1, "Title")).isEqualTo("Bad");
    assertThat(OrgPicture.value(org, c2, "Email")).isEqualTo("newest@example.com");
    assertThat(r.results())
        .filteredOn(x -> x.sourceId().equals(c2))
        .singleElement()
        .satisfies(x -> assertThat(x.outcome()).isEqualTo(RestoreResult.Outcome.SKIPPED));

    RestorePlan overwrite =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordVersionOf(b1, "Contact", c2),
            RestoreOptions.defaults()
                .withFields(Set.of("Email"))
                .withConflicts(ConflictPolicy.OVERWRITE));
    assertThat(overwrite.records().get(0).conflicts())
        .containsExactly(new FieldConflict("Email", email2, "newest@example.com"));
    RestoreRun.run(fx, overwrite.restoreId());
    assertThat(OrgPicture.value(org, c2, "Email")).isEqualTo(email2);
    assertThat(OrgPicture.value(org, c2, "Title")).isEqualTo("Bad");
  }

  @Test
  void validationErrorsAreReportedPerRecordAndEverythingElseIsRestored() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 3);
    Map<String, List<String>> children = children(account);
    Map<String, Map<String, Object>> before = backedUp(b, account, children);
    deleteAndPurge(account, children);
    String refused = children.get("Contact").get(0);
    Object refusedName = before.get(refused).get("LastName");
    org.addValidationRule(
        "Contact",
        "NoThisName",
        values -> refusedName.equals(values.get("LastName")),
        "this name is not allowed",
        "LastName");

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    long sameName =
        children.get("Contact").stream()
            .filter(c -> refusedName.equals(before.get(c).get("LastName")))
            .count();
    assertThat(r.results())
        .filteredOn(
            x -> x.outcome() == RestoreResult.Outcome.FAILED && x.object().equals("Contact"))
        .hasSize((int) sameName)
        .allSatisfy(
            x -> {
              assertThat(x.code()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
              assertThat(x.message()).isEqualTo("this name is not allowed");
            });
    String newAccount = RestoreRun.targetIds(r).get(account);
    assertThat(OrgPicture.liveWhere(org, "Contact", "AccountId", newAccount))
        .hasSize(children.get("Contact").size() - (int) sameName);
    assertThat(OrgPicture.liveWhere(org, "Opportunity", "AccountId", newAccount))
        .hasSize(children.get("Opportunity").size());
    // a Case of the refused contact cannot point at it: reported, not silently re-parented
    for (String c : children.get("Case")) {
      RestoreResult cr =
          r.results().stream().filter(x -> x.sourceId().equals(c)).findFirst().orElseThrow();
      if (refused.equals(before.get(c).get("ContactId"))) {
        assertThat(cr.code()).isEqualTo("PARENT_NOT_RESTORED");
      } else {
        assertThat(cr.outcome()).isEqualTo(RestoreResult.Outcome.SUCCESS);
      }
    }
  }

  @Test
  void aRunStoppedByTheApiBudgetContinuesWithoutDuplicates() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    Map<String, List<String>> children = children(account);
    deleteAndPurge(account, children);
    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());

    RestoreReport first =
        RestoreRun.run(
            fx, p.restoreId(), RestoreRun.client(fx, RestoreRun.options().budget(1.0, 3).build()));
    assertThat(first.status()).isEqualTo(RestoreReport.Status.STOPPED);
    assertThat(first.count(RestoreResult.Outcome.NOT_RUN)).isPositive();
    RestoreReport second = RestoreRun.run(fx, p.restoreId());
    assertThat(second.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    assertThat(second.count(RestoreResult.Outcome.FAILED)).isZero();
    assertThat(second.count(RestoreResult.Outcome.NOT_RUN)).isZero();
    String newAccount = RestoreRun.targetIds(second).get(account);
    assertThat(
            OrgPicture.liveWhere(
                org, "Account", "Name", (String) OrgPicture.value(org, newAccount, "Name")))
        .containsExactly(newAccount);
    assertThat(OrgPicture.liveWhere(org, "Contact", "AccountId", newAccount))
        .hasSize(children.get("Contact").size());
  }

  @Test
  void aSelfReferenceIsSetInTheSecondPassToTheParentsNewId() {
    String parent = org.insert("Account", Map.of("Name", "Holding"), user).id();
    Map<String, Object> c = new java.util.HashMap<>();
    c.put("Name", "Subsidiary");
    c.put("ParentId", parent);
    String child = org.insert("Account", c, user).id();
    long b = fx.backup();
    for (String id : List.of(child, parent)) {
      assertThat(org.delete(id, user).success()).isTrue();
      assertThat(org.purge(id).success()).isTrue();
    }

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", parent, true, false),
            RestoreOptions.defaults());
    PlannedRecord planned = RestorePlanTest.record(p, child);
    assertThat(planned.action()).isEqualTo(RestoreAction.CREATE);
    assertThat(planned.fields()).doesNotContainKey("ParentId");
    assertThat(planned.secondPass()).containsEntry("ParentId", parent);
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.count(RestoreResult.Outcome.SUCCESS)).isEqualTo(2);
    Map<String, String> ids = RestoreRun.targetIds(r);
    assertThat(OrgPicture.value(org, ids.get(child), "ParentId")).isEqualTo(ids.get(parent));
  }

  @Test
  void aRecordInTheRecycleBinIsUndeletedThenGivenBackItsOlderValues() {
    long b1 = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 1);
    String contact = OrgPicture.liveWhere(org, "Contact", "AccountId", account).get(0);
    Object title = OrgPicture.value(org, contact, "Title");
    org.update("Contact", contact, Map.of("Title", "Changed before deletion"), user);
    assertThat(org.delete(contact, user).success()).isTrue();

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordVersionOf(b1, "Contact", contact),
            RestoreOptions.defaults());
    PlannedRecord planned = p.records().get(0);
    assertThat(planned.action()).isEqualTo(RestoreAction.UNDELETE);
    assertThat(planned.fields()).containsEntry("Title", title);
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.results().get(0).outcome()).isEqualTo(RestoreResult.Outcome.SUCCESS);
    assertThat(OrgPicture.isLive(org, contact)).isTrue();
    assertThat(OrgPicture.value(org, contact, "Title")).isEqualTo(title);
  }

  // ---------------------------------------------------------------- helpers

  private Map<String, List<String>> children(String account) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (String object : List.of("Contact", "Opportunity", "Case")) {
      out.put(object, OrgPicture.liveWhere(org, object, "AccountId", account));
    }
    return out;
  }

  private Map<String, Map<String, Object>> backedUp(
      long b, String account, Map<String, List<String>> children) {
    Map<String, Map<String, Object>> out = new java.util.HashMap<>();
    try (RecordStore store = fx.openStore()) {
      var s = store.snapshot(b);
      out.put(account, s.get("Account", account).map(RecordVersion::fields).orElseThrow());
      children.forEach(
          (o, ids) ->
              ids.forEach(
                  id -> out.put(id, s.get(o, id).map(RecordVersion::fields).orElseThrow())));
    }
    return out;
  }

  private void deleteAndPurge(String account, Map<String, List<String>> children) {
    assertThat(org.delete(account, user).success()).isTrue();
    for (List<String> ids : children.values()) {
      for (String id : ids) {
        if (OrgPicture.isRecycled(org, id)) {
          assertThat(org.purge(id).success()).isTrue();
        }
      }
    }
    assertThat(org.purge(account).success()).isTrue();
  }
}
