package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.simulator.org.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Account deleted with its Contacts, Opportunities and files, purged, then restored from the
 * backup: the files' bodies come back byte for byte, linked to the new Account.
 */
class RestoreFilesTest {
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
  void filesAndAttachmentsComeBackWithTheirBytesOnTheNewAccount() {
    String account = OrgPicture.accountWithChildren(org, 2);
    byte[] attachmentBytes = "attached contract, v1\n".repeat(300).getBytes(StandardCharsets.UTF_8);
    byte[] fileBytes = new byte[70_000];
    new java.util.Random(7).nextBytes(fileBytes);
    Map<String, Object> att = new HashMap<>();
    att.put("ParentId", account);
    att.put("Name", "contract.txt");
    att.put("Body", attachmentBytes);
    String attachment = org.insert("Attachment", att, user).id();
    Map<String, Object> cv = new HashMap<>();
    cv.put("Title", "Board deck");
    cv.put("PathOnClient", "deck.bin");
    cv.put("VersionData", fileBytes);
    String version = org.insert("ContentVersion", cv, user).id();
    String document = (String) OrgPicture.value(org, version, "ContentDocumentId");
    Map<String, Object> link = new HashMap<>();
    link.put("ContentDocumentId", document);
    link.put("LinkedEntityId", account);
    link.put("ShareType", "V");
    String linkId = org.insert("ContentDocumentLink", link, user).id();
    List<String> contacts = OrgPicture.liveWhere(org, "Contact", "AccountId", account);
    List<String> opportunities = OrgPicture.liveWhere(org, "Opportunity", "AccountId", account);
    long b = fx.backup();

    // delete everything, then empty the recycle bin so only a re-create can bring it back
    List<String> gone = new ArrayList<>(List.of(account, attachment, document, version, linkId));
    gone.addAll(contacts);
    gone.addAll(opportunities);
    gone.addAll(OrgPicture.liveWhere(org, "Case", "AccountId", account));
    assertThat(org.delete(attachment, user).success()).isTrue();
    assertThat(org.delete(document, user).success()).isTrue();
    assertThat(org.delete(account, user).success()).isTrue();
    for (String id : gone) {
      if (OrgPicture.isRecycled(org, id)) {
        assertThat(org.purge(id).success()).as(id).isTrue();
      }
      assertThat(OrgPicture.isLive(org, id)).as(id).isFalse();
    }

    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());
    assertThat(RestorePlanTest.record(p, version).bodyField()).isEqualTo("VersionData");
    assertThat(RestorePlanTest.record(p, document).reason())
        .isEqualTo("re-created by restoring its ContentVersion");
    assertThat(RestorePlanTest.record(p, linkId).rewrites())
        .containsExactlyInAnyOrder("ContentDocumentId", "LinkedEntityId");
    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.count(RestoreResult.Outcome.FAILED)).as("%s", r.results()).isZero();
    Map<String, String> ids = RestoreRun.targetIds(r);
    String newAccount = ids.get(account);
    assertThat(OrgPicture.liveWhere(org, "Contact", "AccountId", newAccount))
        .containsExactlyInAnyOrderElementsOf(contacts.stream().map(ids::get).toList());
    assertThat(OrgPicture.liveWhere(org, "Opportunity", "AccountId", newAccount))
        .containsExactlyInAnyOrderElementsOf(opportunities.stream().map(ids::get).toList());

    String newAttachment = ids.get(attachment);
    assertThat(OrgPicture.value(org, newAttachment, "ParentId")).isEqualTo(newAccount);
    assertThat(org.blob("Attachment", newAttachment, "Body")).isEqualTo(attachmentBytes);

    String newVersion = ids.get(version);
    assertThat(org.blob("ContentVersion", newVersion, "VersionData")).isEqualTo(fileBytes);
    String newDocument = (String) OrgPicture.value(org, newVersion, "ContentDocumentId");
    assertThat(newDocument).isNotEqualTo(document);
    String newLink = ids.get(linkId);
    assertThat(OrgPicture.value(org, newLink, "ContentDocumentId")).isEqualTo(newDocument);
    assertThat(OrgPicture.value(org, newLink, "LinkedEntityId")).isEqualTo(newAccount);
  }
}
