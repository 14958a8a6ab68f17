package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** query hides the recycle bin, queryAll shows it, and purged rows are gone for both. */
class QueryDeletedRowsTest {
  private final Org org = SoqlFixtures.org(1000);
  private final QueryEngine engine = new QueryEngine(org);
  private final ObjectTable contacts = org.table("Contact");
  private String deleted;
  private String purged;

  @BeforeEach
  void deleteTwoContacts() {
    deleted = contacts.id(10);
    purged = contacts.id(20);
    assertThat(org.delete(deleted, org.integrationUserId()).success()).isTrue();
    assertThat(org.delete(purged, org.integrationUserId()).success()).isTrue();
    assertThat(org.purge(purged).success()).isTrue();
  }

  private List<String> ids(String soql, boolean all) {
    return SoqlFixtures.ids(engine.execute(soql, all));
  }

  @Test
  void queryHidesRecycledRowsEvenWhenAskedForThem() {
    assertThat(ids("SELECT Id FROM Contact", false)).hasSize(998).doesNotContain(deleted, purged);
    assertThat(ids("SELECT Id FROM Contact WHERE IsDeleted = true", false)).isEmpty();
    assertThat(ids("SELECT Id FROM Contact WHERE Id = '" + deleted + "'", false)).isEmpty();
    assertThat(engine.execute("SELECT COUNT() FROM Contact", false).totalSize()).isEqualTo(998);
  }

  @Test
  void queryAllShowsRecycledRowsButNeverPurgedOnes() {
    assertThat(ids("SELECT Id FROM Contact", true)).hasSize(999).contains(deleted);
    assertThat(ids("SELECT Id FROM Contact WHERE IsDeleted = true", true)).containsExactly(deleted);
    assertThat(ids("SELECT Id FROM Contact WHERE Id = '" + purged + "'", true)).isEmpty();
    assertThat(ids("SELECT Id FROM Contact WHERE IsDeleted = false", true))
        .hasSize(998)
        .isEqualTo(ids("SELECT Id FROM Contact", false));

    QueryResult r =
        engine.execute("SELECT Id, IsDeleted FROM Contact WHERE Id = '" + deleted + "'", true);
    assertThat(r.value(0, r.columns().get(1))).isEqualTo(true);
  }

  @Test
  void undeleteMakesTheRowVisibleAgain() {
    org.undelete(deleted, org.integrationUserId());

    assertThat(ids("SELECT Id FROM Contact WHERE Id = '" + deleted + "'", false))
        .containsExactly(deleted);
  }

  @Test
  void cascadeDeletedChildrenFollowTheirParent() {
    ObjectTable accounts = org.table("Account");
    String account = accounts.id(7);
    List<String> children =
        ids("SELECT Id FROM Contact WHERE AccountId = '" + account + "'", false);
    assertThat(children).isNotEmpty();

    org.delete(account, org.integrationUserId());

    assertThat(ids("SELECT Id FROM Contact WHERE AccountId = '" + account + "'", false)).isEmpty();
    assertThat(ids("SELECT Id FROM Contact WHERE AccountId = '" + account + "'", true))
        .isEqualTo(children);
    assertThat(ids("SELECT Id FROM Contact WHERE Account.IsDeleted = true", true))
        .isEqualTo(children);
  }
}
