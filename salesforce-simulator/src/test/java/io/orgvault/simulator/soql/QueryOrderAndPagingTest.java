package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryOrderAndPagingTest {
  private final Org org = SoqlFixtures.org(1000);
  private final QueryEngine engine = new QueryEngine(org);
  private final ObjectTable contacts = org.table("Contact");

  private List<String> values(QueryResult r, int column) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.totalSize(); i++) {
      out.add((String) r.value(i, r.columns().get(column)));
    }
    return out;
  }

  @Test
  void orderByIdNeedsNoSortAndCanBeReversed() {
    List<String> asc =
        SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact ORDER BY Id", false));
    List<String> desc =
        SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact ORDER BY Id DESC", false));

    assertThat(asc).hasSize(1000).isSorted();
    assertThat(desc).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(1000);
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact ORDER BY Id DESC LIMIT 3", false)))
        .isEqualTo(desc.subList(0, 3));
  }

  @Test
  void orderByTextIsCaseInsensitiveWithTiesInIdOrder() {
    org.insert("Contact", Map.of("LastName", "aardvark"), org.integrationUserId());
    QueryResult r = engine.execute("SELECT LastName, Id FROM Contact ORDER BY LastName", false);

    List<String> names = values(r, 0);
    assertThat(names.get(0)).isEqualTo("aardvark");
    assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < r.totalSize(); i++) {
      if (names.get(i).equalsIgnoreCase(names.get(i - 1))) {
        assertThat(contacts.id(r.row(i))).isGreaterThan(contacts.id(r.row(i - 1)));
      }
    }
  }

  @Test
  void nullsComeFirstAscendingAndLastDescendingUnlessToldOtherwise() {
    String nameless =
        org.insert("Contact", Map.of("LastName", "Zed"), org.integrationUserId()).id();

    assertThat(first("SELECT Id FROM Contact ORDER BY FirstName")).isEqualTo(nameless);
    assertThat(last("SELECT Id FROM Contact ORDER BY FirstName DESC")).isEqualTo(nameless);
    assertThat(last("SELECT Id FROM Contact ORDER BY FirstName ASC NULLS LAST"))
        .isEqualTo(nameless);
    assertThat(first("SELECT Id FROM Contact ORDER BY FirstName DESC NULLS FIRST"))
        .isEqualTo(nameless);
  }

  private String first(String soql) {
    return SoqlFixtures.ids(engine.execute(soql, false)).get(0);
  }

  private String last(String soql) {
    List<String> ids = SoqlFixtures.ids(engine.execute(soql, false));
    return ids.get(ids.size() - 1);
  }

  @Test
  void severalKeysAndParentFields() {
    QueryResult r =
        engine.execute(
            "SELECT Account.Name, LastName FROM Contact ORDER BY Account.Name DESC, LastName",
            false);

    List<String> accounts = values(r, 0);
    List<String> names = values(r, 1);
    for (int i = 1; i < r.totalSize(); i++) {
      int c = String.CASE_INSENSITIVE_ORDER.compare(accounts.get(i - 1), accounts.get(i));
      assertThat(c).isGreaterThanOrEqualTo(0);
      if (c == 0) {
        assertThat(String.CASE_INSENSITIVE_ORDER.compare(names.get(i - 1), names.get(i)))
            .isLessThanOrEqualTo(0);
      }
    }
  }

  @Test
  void orderByDateTimeAndNumbers() {
    QueryResult r = engine.execute("SELECT Id FROM Contact ORDER BY SystemModstamp DESC", false);
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < r.totalSize(); i++) {
      long m = contacts.systemModstamp(r.row(i));
      assertThat(m).isLessThanOrEqualTo(previous);
      previous = m;
    }
    QueryResult a =
        engine.execute("SELECT NumberOfEmployees FROM Account ORDER BY NumberOfEmployees", false);
    List<Integer> n = new ArrayList<>();
    for (int i = 0; i < a.totalSize(); i++) {
      n.add((Integer) a.value(i, a.columns().get(0)));
    }
    assertThat(n).isSorted();
  }

  @Test
  void limitAndOffsetSliceTheOrderedRows() {
    List<String> all =
        SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact ORDER BY LastName, Id", false));

    QueryResult page =
        engine.execute("SELECT Id FROM Contact ORDER BY LastName, Id LIMIT 25 OFFSET 100", false);
    assertThat(SoqlFixtures.ids(page)).isEqualTo(all.subList(100, 125));
    assertThat(page.usesOffset()).isTrue();

    List<String> natural = SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact", false));
    assertThat(
            SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact LIMIT 5 OFFSET 2000", false)))
        .isEmpty();
    assertThat(SoqlFixtures.ids(engine.execute("SELECT Id FROM Contact LIMIT 5 OFFSET 995", false)))
        .isEqualTo(natural.subList(995, 1000));
    assertThat(engine.execute("SELECT Id FROM Contact LIMIT 0", false).totalSize()).isZero();
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE LastName = 'Turing' LIMIT 3", false)))
        .isEqualTo(
            SoqlFixtures.scan(
                    org, "Contact", false, row -> "Turing".equals(contacts.value(row, "LastName")))
                .subList(0, 3));
  }

  @Test
  void keysetPagingByIdWalksTheWholeTable() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    while (true) {
      String where = cursor == null ? "" : " WHERE Id > '" + cursor + "'";
      List<String> page =
          SoqlFixtures.ids(
              engine.execute("SELECT Id FROM Contact" + where + " ORDER BY Id LIMIT 300", false));
      if (page.isEmpty()) {
        break;
      }
      seen.addAll(page);
      cursor = page.get(page.size() - 1);
    }
    assertThat(seen).isEqualTo(SoqlFixtures.scan(org, "Contact", false, r -> true));
  }
}
