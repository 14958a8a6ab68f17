package io.orgvault.simulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every WHERE operator, checked against a brute-force scan of the table. */
class QueryFilterTest {
  private final Org org = SoqlFixtures.org(1000);
  private final QueryEngine engine = new QueryEngine(org);
  private final ObjectTable contacts = org.table("Contact");
  private final ObjectTable accounts = org.table("Account");
  private String noFirstName;
  private String underscore;
  private String lookalike;

  @BeforeEach
  void addRowsWithNullsAndWildcards() {
    String user = org.integrationUserId();
    noFirstName = org.insert("Contact", Map.of("LastName", "Nobody"), user).id();
    underscore = org.insert("Contact", Map.of("LastName", "a_b", "FirstName", "x"), user).id();
    lookalike = org.insert("Contact", Map.of("LastName", "axb", "FirstName", "x"), user).id();
  }

  private void assertContacts(String where, IntPredicate match) {
    assertMatches("Contact", where, match);
  }

  private void assertMatches(String object, String where, IntPredicate match) {
    List<String> expected = SoqlFixtures.scan(org, object, false, match);
    QueryResult r = engine.execute("SELECT Id FROM " + object + " WHERE " + where, false);
    assertThat(SoqlFixtures.ids(r)).as(where).isEqualTo(expected);
  }

  private String text(ObjectTable t, int row, String field) {
    return (String) t.value(row, field);
  }

  private static int ci(String a, String b) {
    return String.CASE_INSENSITIVE_ORDER.compare(a, b);
  }

  @Test
  void textEqualityIsCaseInsensitive() {
    assertContacts("LastName = 'tURING'", r -> "Turing".equals(text(contacts, r, "LastName")));
    assertContacts("LastName != 'Turing'", r -> !"Turing".equals(text(contacts, r, "LastName")));
    assertContacts("LastName <> 'Turing'", r -> !"Turing".equals(text(contacts, r, "LastName")));
  }

  @Test
  void textOrderingComparesCaseInsensitively() {
    assertContacts("LastName < 'h'", r -> ci(text(contacts, r, "LastName"), "h") < 0);
    assertContacts("LastName <= 'Hopper'", r -> ci(text(contacts, r, "LastName"), "Hopper") <= 0);
    assertContacts("LastName > 'T'", r -> ci(text(contacts, r, "LastName"), "T") > 0);
    assertContacts("LastName >= 'turing'", r -> ci(text(contacts, r, "LastName"), "turing") >= 0);
  }

  @Test
  void likeSupportsWildcardsAndEscapes() {
    assertContacts(
        "LastName LIKE 'tu%'", r -> text(contacts, r, "LastName").toLowerCase().startsWith("tu"));
    assertContacts(
        "Email LIKE '%.1_@example.com'",
        r ->
            text(contacts, r, "Email") != null
                && text(contacts, r, "Email").matches(".*\\.1.@example\\.com"));
    assertContacts(
        "LastName LIKE 'a_b'", r -> Set.of("a_b", "axb").contains(text(contacts, r, "LastName")));
    QueryResult escaped =
        engine.execute("SELECT Id FROM Contact WHERE LastName LIKE 'a\\_b'", false);
    assertThat(SoqlFixtures.ids(escaped)).containsExactly(underscore);
  }

  @Test
  void inAndNotIn() {
    Set<String> names = Set.of("Turing", "Hopper");
    assertContacts(
        "LastName IN ('turing', 'HOPPER')", r -> names.contains(text(contacts, r, "LastName")));
    assertContacts(
        "LastName NOT IN ('Turing','Hopper')", r -> !names.contains(text(contacts, r, "LastName")));
  }

  @Test
  void nullsFollowSoqlSemantics() {
    assertContacts("FirstName = null", r -> text(contacts, r, "FirstName") == null);
    assertContacts("FirstName != null", r -> text(contacts, r, "FirstName") != null);
    // != and NOT IN match rows where the field is null, as in Salesforce
    assertContacts("FirstName != 'Ada'", r -> !"Ada".equals(text(contacts, r, "FirstName")));
    assertContacts("FirstName NOT IN ('Ada')", r -> !"Ada".equals(text(contacts, r, "FirstName")));
    assertContacts(
        "FirstName IN ('Ada', null)",
        r ->
            text(contacts, r, "FirstName") == null || "Ada".equals(text(contacts, r, "FirstName")));
    assertContacts(
        "FirstName > 'A'",
        r -> text(contacts, r, "FirstName") != null && ci(text(contacts, r, "FirstName"), "A") > 0);
    QueryResult nobody = engine.execute("SELECT Id FROM Contact WHERE FirstName = null", false);
    assertThat(SoqlFixtures.ids(nobody)).containsExactly(noFirstName);
  }

  @Test
  void logicalOperatorsAndParentheses() {
    assertContacts(
        "(LastName = 'Turing' OR LastName = 'Hopper') AND NOT FirstName = 'Ada'",
        r ->
            Set.of("Turing", "Hopper").contains(text(contacts, r, "LastName"))
                && !"Ada".equals(text(contacts, r, "FirstName")));
    assertContacts(
        "LastName = 'Turing' OR (FirstName = 'Ada' AND HasOptedOutOfEmail = true)",
        r ->
            "Turing".equals(text(contacts, r, "LastName"))
                || "Ada".equals(text(contacts, r, "FirstName"))
                    && Boolean.TRUE.equals(contacts.value(r, "HasOptedOutOfEmail")));
    assertContacts(
        "NOT (LastName = 'Turing' OR LastName = 'Hopper')",
        r -> !Set.of("Turing", "Hopper").contains(text(contacts, r, "LastName")));
  }

  @Test
  void numbersAndBooleans() {
    assertMatches(
        "Account",
        "NumberOfEmployees > 25000",
        r -> ((Integer) accounts.value(r, "NumberOfEmployees")) > 25000);
    assertMatches(
        "Account",
        "AnnualRevenue <= 500000.5",
        r -> ((Double) accounts.value(r, "AnnualRevenue")) <= 500000.5);
    assertMatches("Account", "NumberOfEmployees >= -3", r -> true);
    assertContacts(
        "HasOptedOutOfEmail = TRUE",
        r -> Boolean.TRUE.equals(contacts.value(r, "HasOptedOutOfEmail")));
    assertContacts(
        "HasOptedOutOfEmail != true",
        r -> !Boolean.TRUE.equals(contacts.value(r, "HasOptedOutOfEmail")));
  }

  @Test
  void datesAndDateTimes() {
    LocalDate day = LocalDate.of(1980, 1, 1);
    assertContacts(
        "Birthdate > 1980-01-01",
        r ->
            contacts.value(r, "Birthdate") != null
                && ((LocalDate) contacts.value(r, "Birthdate")).isAfter(day));
    LocalDate someBirthdate = (LocalDate) contacts.value(17, "Birthdate");
    assertContacts(
        "Birthdate = " + someBirthdate, r -> someBirthdate.equals(contacts.value(r, "Birthdate")));

    Instant cut = Instant.parse("2025-06-01T00:00:00Z");
    assertContacts(
        "SystemModstamp > 2025-06-01T00:00:00Z",
        r -> contacts.systemModstamp(r) > cut.toEpochMilli());
    assertContacts(
        "LastModifiedDate >= 2025-06-01T00:00:00.000Z",
        r -> contacts.systemModstamp(r) >= cut.toEpochMilli());
    assertContacts(
        "CreatedDate < 2025-06-01T02:00:00+02:00",
        r -> contacts.createdDate(r) < cut.toEpochMilli());
    long exact = contacts.systemModstamp(42);
    String iso = io.orgvault.simulator.org.FieldValues.isoDateTime(Instant.ofEpochMilli(exact));
    assertContacts("SystemModstamp = " + iso, r -> contacts.systemModstamp(r) == exact);
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE SystemModstamp = " + iso, false)))
        .contains(contacts.id(42));
  }

  @Test
  void relativeDateLiteralsFollowTheOrgClock() {
    String id = contacts.id(5);
    org.update("Contact", id, Map.of("Title", "Moved"), org.integrationUserId());
    long todayStart =
        SoqlFixtures.START.truncatedTo(java.time.temporal.ChronoUnit.DAYS).toEpochMilli();
    long day = Duration.ofDays(1).toMillis();

    assertContacts(
        "SystemModstamp = TODAY",
        r ->
            contacts.systemModstamp(r) >= todayStart
                && contacts.systemModstamp(r) < todayStart + day);
    assertContacts(
        "SystemModstamp = YESTERDAY",
        r ->
            contacts.systemModstamp(r) >= todayStart - day
                && contacts.systemModstamp(r) < todayStart);
    assertContacts(
        "SystemModstamp = LAST_N_DAYS:30",
        r ->
            contacts.systemModstamp(r) >= todayStart - 30 * day
                && contacts.systemModstamp(r) < todayStart + day);
    assertContacts(
        "SystemModstamp < LAST_N_DAYS:30", r -> contacts.systemModstamp(r) < todayStart - 30 * day);
    assertContacts("CreatedDate > YESTERDAY", r -> contacts.createdDate(r) >= todayStart);
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE SystemModstamp = TODAY", false)))
        .contains(id);

    org.clock().advance(Duration.ofDays(1));
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE SystemModstamp = YESTERDAY", false)))
        .contains(id);
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE SystemModstamp = TODAY", false)))
        .doesNotContain(id);
  }

  @Test
  void dateLiteralsOnDateFieldsCompareDays() {
    ObjectTable opps = org.table("Opportunity");
    LocalDate today = LocalDate.ofInstant(SoqlFixtures.START, ZoneOffset.UTC);
    assertMatches(
        "Opportunity",
        "CloseDate = LAST_N_DAYS:30",
        r -> {
          LocalDate d = (LocalDate) opps.value(r, "CloseDate");
          return !d.isBefore(today.minusDays(30)) && !d.isAfter(today);
        });
    assertMatches(
        "Opportunity",
        "CloseDate > TODAY",
        r -> ((LocalDate) opps.value(r, "CloseDate")).isAfter(today));
  }

  @Test
  void idsOf15And18CharactersCompareEqual() {
    String id18 = contacts.id(10);
    String id15 = id18.substring(0, 15);
    assertThat(
            SoqlFixtures.ids(
                engine.execute("SELECT Id FROM Contact WHERE Id = '" + id15 + "'", false)))
        .containsExactly(id18);
    assertThat(
            SoqlFixtures.ids(
                engine.execute(
                    "SELECT Id FROM Contact WHERE Id IN ('"
                        + id15
                        + "', '"
                        + contacts.id(12)
                        + "')",
                    false)))
        .containsExactly(id18, contacts.id(12));
    String account = (String) contacts.value(3, "AccountId");
    assertContacts(
        "AccountId = '" + account.substring(0, 15) + "'",
        r -> account.equals(contacts.value(r, "AccountId")));
    assertContacts(
        "AccountId IN ('" + account + "')", r -> account.equals(contacts.value(r, "AccountId")));
  }

  @Test
  void idRangesSelectRowsAfterACursor() {
    String cursor = contacts.id(500);
    assertContacts("Id > '" + cursor + "'", r -> contacts.id(r).compareTo(cursor) > 0);
    assertContacts("Id >= '" + cursor + "'", r -> contacts.id(r).compareTo(cursor) >= 0);
    assertContacts(
        "Id < '" + cursor.substring(0, 15) + "'", r -> contacts.id(r).compareTo(cursor) < 0);
    assertContacts(
        "Id > '" + cursor + "' AND Id <= '" + contacts.id(510) + "' AND LastName != 'Turing'",
        r -> r > 500 && r <= 510 && !"Turing".equals(text(contacts, r, "LastName")));
    // an Id of another object: every Contact Id sorts after an Account Id (003 > 001)
    assertContacts("Id > '" + accounts.id(0) + "'", r -> true);
    assertContacts("Id != '" + cursor + "'", r -> r != 500);
  }

  @Test
  void filtersOnParentFields() {
    String name = (String) accounts.value(4, "Name");
    assertContacts(
        "Account.Name = '" + name + "'",
        r -> accounts.id(4).equals(contacts.value(r, "AccountId")));
    assertContacts(
        "Account.Industry IN ('Banking', 'Energy') AND Account.Owner.Username = 'user1@orgvault.sim'",
        r -> {
          Object acc = contacts.value(r, "AccountId");
          if (acc == null) {
            return false;
          }
          int a = accounts.rowOf((String) acc);
          String owner = (String) accounts.value(a, "OwnerId");
          return Set.of("Banking", "Energy").contains(accounts.value(a, "Industry"))
              && owner.equals(org.userId(1));
        });
    assertContacts("Account.Name = null", r -> contacts.value(r, "AccountId") == null);
  }

  @Test
  void polymorphicParentFilters() {
    String opp = org.table("Opportunity").id(2);
    String task =
        org.insert("Task", Map.of("Subject", "x", "WhatId", opp), org.integrationUserId()).id();
    QueryResult r = engine.execute("SELECT Id FROM Task WHERE What.Type = 'Opportunity'", false);
    assertThat(SoqlFixtures.ids(r)).containsExactly(task);
  }
}
