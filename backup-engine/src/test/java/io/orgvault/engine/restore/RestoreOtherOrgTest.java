package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.Org;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backup of one simulated org restored into another (a sandbox), matched by external Id. */
class RestoreOtherOrgTest {
  private SimBackups fx;
  private Simulator sandbox;

  @BeforeEach
  void start() throws Exception {
    fx = new SimBackups(120);
    sandbox = Simulator.builder().seed(99).contacts(20).port(0).start();
  }

  @AfterEach
  void stop() {
    fx.close();
    sandbox.close();
  }

  @Test
  void accountsMatchByExternalIdAreUpdatedOthersCreatedAndContactsFollowTheTargetIds() {
    Org source = fx.sim.org();
    Org target = sandbox.org();
    assertThat(target.orgId()).isNotEqualTo(source.orgId());
    long b = fx.backup();
    String matched = OrgPicture.accountWithChildren(source, 2);
    String accountNumber = (String) OrgPicture.value(source, matched, "AccountNumber");
    assertThat(accountNumber).isNotNull();
    // the generated orgs share Ids and account numbers: move the sandbox's own out of the way
    for (String same : OrgPicture.liveWhere(target, "Account", "AccountNumber", accountNumber)) {
      target.update(
          "Account", same, Map.of("AccountNumber", "moved-" + same), target.integrationUserId());
    }
    Map<String, Object> existing = new HashMap<>();
    existing.put("Name", "Sandbox copy");
    existing.put("AccountNumber", accountNumber);
    String targetAccount = target.insert("Account", existing, target.integrationUserId()).id();
    assertThat(targetAccount).isNotEqualTo(matched);
    List<String> contacts = OrgPicture.liveWhere(source, "Contact", "AccountId", matched);

    SalesforceClient client =
        SalesforceClient.connect(
            TokenSource.fixed(sandbox.issueToken(target.integrationUserId()), sandbox.baseUrl()),
            TrustStores.trusting(sandbox.trustStore()),
            RestoreRun.options().build());
    RestoreOptions options =
        RestoreOptions.defaults()
            .withExternalIds(Map.of("Account", "AccountNumber"))
            .withOmit(
                java.util.Set.of(
                    "Case", "Opportunity", "Task", "Attachment", "ContentDocumentLink"));
    RestorePlan p;
    RestoreReport r;
    try (RecordStore store = fx.openStore()) {
      p =
          new RestorePlanner(store, client, target.orgId(), Clock.systemUTC())
              .planAndSave(
                  new RestoreSelection.RecordWithRelated(b, "Account", matched, true, false),
                  options);
      assertThat(p.sameOrg()).isFalse();
      PlannedRecord acc = RestorePlanTest.record(p, matched);
      assertThat(acc.action()).isEqualTo(RestoreAction.UPDATE);
      assertThat(acc.targetId()).isEqualTo(targetAccount);
      assertThat(acc.reason()).contains("matched by AccountNumber");
      for (String c : contacts) {
        PlannedRecord cr = RestorePlanTest.record(p, c);
        assertThat(cr.action()).isEqualTo(RestoreAction.CREATE);
        assertThat(cr.fields()).containsEntry("AccountId", targetAccount);
        assertThat(cr.leftOut()).extracting(LeftOutField::field).contains("OwnerId");
      }
      r = new RestoreExecution(store, client, RestoreProgress.discard()).run(p.restoreId());
    }
    assertThat(r.count(RestoreResult.Outcome.FAILED)).isZero();
    assertThat(OrgPicture.value(target, targetAccount, "Name"))
        .isEqualTo(OrgPicture.value(source, matched, "Name"));
    List<String> created = OrgPicture.liveWhere(target, "Contact", "AccountId", targetAccount);
    assertThat(created).hasSize(contacts.size());
    assertThat(created.stream().map(id -> OrgPicture.value(target, id, "LastName")).toList())
        .containsExactlyInAnyOrderElementsOf(
            contacts.stream().map(id -> OrgPicture.value(source, id, "LastName")).toList());
  }
}
