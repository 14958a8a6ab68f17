package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A backup's incremental query over a large table: filtered on SystemModstamp, in Id order. */
class QueryScaleTest {
  @Test
  void incrementalQueryOverManyRowsMatchesABruteForceCount() {
    Org org = SoqlFixtures.org(200_000);
    ObjectTable contacts = org.table("Contact");
    long cut = Instant.parse("2025-09-01T00:00:00Z").toEpochMilli();
    org.delete(contacts.id(123), org.integrationUserId()); // now modified after the cut

    QueryResult r =
        new QueryEngine(org)
            .execute(
                "SELECT Id, FirstName, LastName, Email, Account.Name FROM Contact"
                    + " WHERE SystemModstamp > 2025-09-01T00:00:00Z ORDER BY Id",
                false);

    int expected = 0;
    int expectedAll = 0;
    for (int row = 0; row < contacts.size(); row++) {
      if (contacts.systemModstamp(row) > cut) {
        expectedAll++;
        if (contacts.isLive(row)) {
          expected++;
        }
      }
    }
    assertThat(contacts.size()).isEqualTo(200_000);
    assertThat(r.totalSize()).isEqualTo(expected).isPositive().isLessThan(200_000);
    assertThat(r.value(0, r.columns().get(4))).isNotNull();
    for (int i = 1; i < r.totalSize(); i++) {
      assertThat(r.row(i)).isGreaterThan(r.row(i - 1));
    }
    QueryResult all =
        new QueryEngine(org)
            .execute(
                "SELECT COUNT() FROM Contact WHERE SystemModstamp > 2025-09-01T00:00:00Z", true);
    assertThat(all.totalSize()).isEqualTo(expectedAll).isEqualTo(expected + 1);
  }
}
