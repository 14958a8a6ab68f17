package io.orgvault.web.data;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.web.ApiClient.Created;
import io.orgvault.web.Csv;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.sandbox.StoreQuerySandboxes;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The data API over the query sandbox: two real backups of the simulator's org in bubblewrap
 * sandboxes with known changes between them, then browse, get, history, as-of, related and compare
 * through the API, checked against the simulator's own rows.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class DataApiTest {
  @Inject StoreQuerySandboxes queries;

  /** The tenant with two backups, shared by the tests of this class (backups take seconds). */
  static Created tenant;

  static String orgId;

  /** Changed (Title) between backup 1 and 2; deleted; added. */
  static String changedId;

  static String deletedId;
  static String addedId;
  static final String TOKEN = "zq" + UUID.randomUUID().toString().substring(0, 6);
  static final String NEW_TITLE = "Chief Restore Officer " + TOKEN;
  static String oldTitle;

  static synchronized void twoBackups() throws Exception {
    if (tenant != null) {
      return;
    }
    Created t = createTenant("data-" + UUID.randomUUID().toString().substring(0, 8));
    String org = Orgs.connect(t.key(), "Browsed");
    Org sim = SimulatorTestResource.simulator().org();
    String user = sim.integrationUserId();
    // a contact of its own (no children) to delete after the first backup
    DmlResult doomed = sim.insert("Contact", Map.of("LastName", "Doomed"), user);
    assertThat(doomed.success()).isTrue();
    backup(t, org);

    ObjectTable contacts = sim.table("Contact");
    String changed = null;
    for (int row = 0; row < contacts.size() && changed == null; row++) {
      if (contacts.isLive(row)
          && contacts.value(row, "Title") != null
          && contacts.value(row, "AccountId") != null) {
        changed = contacts.id(row);
        oldTitle = (String) contacts.value(row, "Title");
      }
    }
    assertThat(sim.update("Contact", changed, Map.of("Title", NEW_TITLE), user).success()).isTrue();
    assertThat(sim.delete(doomed.id(), user).success()).isTrue();
    DmlResult added = sim.insert("Contact", Map.of("LastName", "Newcomer"), user);
    assertThat(added.success()).isTrue();
    backup(t, org);

    changedId = changed;
    deletedId = doomed.id();
    addedId = added.id();
    orgId = org;
    tenant = t;
  }

  @Test
  void eachOrgOfATenantIsReadInAQuerySandboxOfItsOwnStore() throws Exception {
    Created t = createTenant("two-" + UUID.randomUUID().toString().substring(0, 8));
    Simulator first = SimulatorTestResource.simulator();
    Simulator second = SimulatorTestResource.secondSimulator();
    Map<String, Simulator> orgs =
        Map.of(
            Orgs.connect(t.key(), "First", first), first,
            Orgs.connect(t.key(), "Second", second), second);
    for (String org : orgs.keySet()) {
      backup(t, org);
    }
    for (var e : orgs.entrySet()) {
      String base = "/api/v1/orgs/" + e.getKey() + "/data/backups/latest/objects";
      JsonPath objects = as(t.key()).get(base).then().statusCode(200).extract().jsonPath();
      ObjectTable contacts = e.getValue().org().table("Contact");
      int live = 0;
      for (int row = 0; row < contacts.size(); row++) {
        live += contacts.isLive(row) ? 1 : 0;
      }
      assertThat(objects.getInt("objects.find { it.object == 'Contact' }.records"))
          .as(e.getValue().org().orgId())
          .isEqualTo(live);
      JsonPath page =
          as(t.key())
              .queryParam("limit", 5)
              .get(base + "/Contact/records")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      for (Map<String, Object> r : page.<Map<String, Object>>getList("records")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) r.get("fields");
        assertThat(fields.get("LastName"))
            .isEqualTo(contacts.value(contacts.rowOf((String) r.get("id")), "LastName"));
      }
    }
    // one query sandbox per store, both the tenant's
    assertThat(queries.runningStores())
        .contains(
            SimulatorTestResource.storeOf(t.tenantId(), first),
            SimulatorTestResource.storeOf(t.tenantId(), second));
  }

  @Test
  void aColdStartThenWarmReadsAreTimed() throws Exception {
    twoBackups();
    // the first request of a store starts its query sandbox (the backups stopped none here: the
    // class's other tests may have started it, so stop it first to time a cold start)
    queries.stop(TenantId.of(tenant.tenantId()), SimulatorTestResource.simulator().org().orgId());
    long t0 = System.nanoTime();
    get(data() + "/backups");
    long cold = System.nanoTime() - t0;
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long s = System.nanoTime();
      get(data() + "/backups/2/objects/Contact/records/" + changedId);
      warm.add(System.nanoTime() - s);
    }
    warm.sort(null);
    // the same request path without a sandbox (authentication, the org's row): the baseline
    List<Long> plain = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      long s = System.nanoTime();
      get("/api/v1/orgs/" + orgId);
      plain.add(System.nanoTime() - s);
    }
    plain.sort(null);
    System.out.printf(
        "DATA-API figures: cold first request %.0f ms, warm record GET median %.1f ms p95 %.1f ms,"
            + " GET org (no sandbox) median %.1f ms%n",
        cold / 1e6,
        warm.get(warm.size() / 2) / 1e6,
        warm.get(warm.size() * 95 / 100) / 1e6,
        plain.get(plain.size() / 2) / 1e6);
    assertThat(warm.get(warm.size() / 2)).isLessThan(cold);
  }

  static void backup(Created t, String org) throws Exception {
    String run =
        as(t.key())
            .post("/api/v1/orgs/" + org + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath done = Runs.awaitBackup(t.key(), run);
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
  }

  static String data() {
    return "/api/v1/orgs/" + orgId + "/data";
  }

  static JsonPath get(String path) {
    return as(tenant.key()).get(path).then().statusCode(200).extract().jsonPath();
  }

  /** The live Contact Ids of the simulator now, sorted as the store sorts them. */
  static TreeSet<String> liveContacts() {
    ObjectTable contacts = SimulatorTestResource.simulator().org().table("Contact");
    TreeSet<String> ids = new TreeSet<>();
    for (int row = 0; row < contacts.size(); row++) {
      if (contacts.isLive(row)) {
        ids.add(contacts.id(row));
      }
    }
    return ids;
  }

  @Test
  void browseGetHistoryAndAsOfMatchTheSimulator() throws Exception {
    twoBackups();
    JsonPath backups = get(data() + "/backups");
    assertThat(backups.getList("backups.backup", Integer.class)).containsExactly(1, 2);

    TreeSet<String> live = liveContacts();
    JsonPath objects = get(data() + "/backups/latest/objects");
    assertThat(objects.getInt("backup")).isEqualTo(2);
    assertThat(objects.getInt("objects.find { it.object == 'Contact' }.records"))
        .isEqualTo(live.size());
    assertThat(get(data() + "/backups/2/objects/Contact/schema").getList("fields.name"))
        .contains("Id", "LastName", "Title", "Email");

    // every page, cursor to cursor: exactly the simulator's live contacts, in Id order
    List<String> browsed = new ArrayList<>();
    String cursor = null;
    do {
      var req = as(tenant.key()).queryParam("limit", 37);
      if (cursor != null) {
        req = req.queryParam("cursor", cursor);
      }
      JsonPath page =
          req.get(data() + "/backups/2/objects/Contact/records")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      browsed.addAll(page.getList("records.id"));
      cursor = page.getString("next");
    } while (cursor != null);
    assertThat(browsed).containsExactlyElementsOf(live);

    // one record as of each backup, by its 18- and its 15-character Id
    assertThat(
            get(data() + "/backups/1/objects/Contact/records/" + changedId)
                .getString("record.fields.Title"))
        .isEqualTo(oldTitle);
    JsonPath now = get(data() + "/backups/2/objects/Contact/records/" + changedId.substring(0, 15));
    assertThat(now.getString("record.id")).isEqualTo(changedId);
    assertThat(now.getString("record.fields.Title")).isEqualTo(NEW_TITLE);
    as(tenant.key())
        .get(data() + "/backups/1/objects/Contact/records/" + addedId)
        .then()
        .statusCode(404)
        .body("error", equalTo("record_not_found"));

    // equality and search find the changed record
    JsonPath equal =
        as(tenant.key())
            .queryParam("field", "Title")
            .queryParam("equals", NEW_TITLE)
            .get(data() + "/backups/2/objects/Contact/records")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(equal.getList("records.id")).containsExactly(changedId);
    JsonPath found =
        as(tenant.key())
            .queryParam("search", TOKEN)
            .get(data() + "/backups/2/objects/Contact/records")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(found.getList("records.id")).containsExactly(changedId);

    // the deleted contact: in backup 1, not live in backup 2
    assertThat(
            get(data() + "/backups/1/objects/Contact/records/" + deletedId)
                .getString("record.fields.LastName"))
        .isEqualTo("Doomed");
    as(tenant.key())
        .get(data() + "/backups/2/objects/Contact/records/" + deletedId)
        .then()
        .statusCode(404)
        .body("error", equalTo("record_not_found"));

    // history: first seen in backup 1, Title changed in backup 2
    JsonPath history = get(data() + "/objects/Contact/records/" + changedId + "/history");
    assertThat(history.getInt("total")).isEqualTo(2);
    assertThat(history.getList("versions.backup", Integer.class)).containsExactly(1, 2);
    assertThat(history.getList("versions.kind")).containsExactly("first", "changed");
    assertThat(history.getString("versions[1].changes.find { it.field == 'Title' }.new"))
        .isEqualTo(NEW_TITLE);
    assertThat(
            get(data() + "/objects/Contact/records/" + deletedId + "/history")
                .getList("versions.kind"))
        .containsExactly("first", "deleted");

    // as of now: backup 2; before any backup: none
    JsonPath asOf =
        as(tenant.key())
            .queryParam("at", java.time.Instant.now().toString())
            .get(data() + "/objects/Contact/records/" + changedId + "/as-of")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(asOf.getInt("backup")).isEqualTo(2);
    assertThat(asOf.getString("record.fields.Title")).isEqualTo(NEW_TITLE);
    as(tenant.key())
        .queryParam("at", "2001-01-01T00:00:00Z")
        .get(data() + "/objects/Contact/records/" + changedId + "/as-of")
        .then()
        .statusCode(404)
        .body("error", equalTo("no_backup_before"));

    // related: the contact's account is its parent
    String accountId =
        (String)
            SimulatorTestResource.simulator()
                .org()
                .table("Contact")
                .value(
                    SimulatorTestResource.simulator().org().table("Contact").rowOf(changedId),
                    "AccountId");
    JsonPath related = get(data() + "/backups/2/objects/Contact/records/" + changedId + "/related");
    assertThat(related.getList("parents.id")).contains(accountId);
    assertThat(related.getString("parents.find { it.id == '" + accountId + "' }.field"))
        .isEqualTo("AccountId");
  }

  @Test
  void compareShowsExactlyTheChangesMadeBetweenTheBackups() throws Exception {
    twoBackups();
    JsonPath summary =
        as(tenant.key())
            .queryParam("from", 1)
            .queryParam("to", 2)
            .get(data() + "/compare")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> contact = summary.getMap("objects.find { it.object == 'Contact' }");
    assertThat(contact)
        .containsEntry("added", 1)
        .containsEntry("deleted", 1)
        .containsEntry("changed", 1);
    long others = 0;
    for (Map<String, Object> o : summary.<Map<String, Object>>getList("objects")) {
      if (!o.get("object").equals("Contact")) {
        others +=
            ((Number) o.get("added")).longValue()
                + ((Number) o.get("deleted")).longValue()
                + ((Number) o.get("changed")).longValue();
      }
    }
    assertThat(others).isZero();

    // a page at a time: exactly those three, in Id order
    Map<String, String> kinds = new HashMap<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    String firstCursor = null;
    do {
      var req = as(tenant.key()).queryParam("from", 1).queryParam("to", 2).queryParam("limit", 1);
      if (cursor != null) {
        req = req.queryParam("cursor", cursor);
      }
      JsonPath page =
          req.get(data() + "/compare/changes").then().statusCode(200).extract().jsonPath();
      for (Map<String, Object> c : page.<Map<String, Object>>getList("changes")) {
        kinds.put((String) c.get("id"), (String) c.get("kind"));
        order.add((String) c.get("id"));
      }
      cursor = page.getString("next");
      if (firstCursor == null) {
        firstCursor = cursor;
      }
    } while (cursor != null);
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(changedId, "changed", deletedId, "deleted", addedId, "added"));
    assertThat(order).isSorted();

    // filtered by kind and field: only the changed record, with its Title change
    JsonPath changed =
        as(tenant.key())
            .queryParam("from", 1)
            .queryParam("to", 2)
            .queryParam("kind", "changed")
            .queryParam("field", "Title")
            .get(data() + "/compare/changes")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(changed.getList("changes.id")).containsExactly(changedId);
    assertThat(changed.getString("changes[0].fields.find { it.field == 'Title' }.old"))
        .isEqualTo(oldTitle);
    assertThat(changed.getString("changes[0].fields.find { it.field == 'Title' }.new"))
        .isEqualTo(NEW_TITLE);

    // a tampered cursor, or one of another listing, is refused without data
    char[] c = firstCursor.toCharArray();
    c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
    String browseCursor =
        as(tenant.key())
            .queryParam("limit", 2)
            .get(data() + "/backups/2/objects/Contact/records")
            .then()
            .extract()
            .path("next");
    for (String bad : List.of(new String(c), browseCursor)) {
      as(tenant.key())
          .queryParam("from", 1)
          .queryParam("to", 2)
          .queryParam("limit", 1)
          .queryParam("cursor", bad)
          .get(data() + "/compare/changes")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_cursor"))
          .body("changes", org.hamcrest.Matchers.nullValue());
    }
    as(tenant.key())
        .queryParam("cursor", firstCursor)
        .get(data() + "/backups/2/objects/Contact/records")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_cursor"));
  }

  @Test
  void aCompareExportHoldsExactlyTheChangesAsCsv() throws Exception {
    twoBackups();
    String exports = "/api/v1/orgs/" + orgId + "/exports";
    String id =
        as(tenant.key())
            .body(Map.of("source", "compare", "from", 1, "to", 2, "objects", List.of("Contact")))
            .post(exports)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath e = null;
    for (int i = 0; i < 600; i++) {
      e = get(exports + "/" + id);
      if (List.of("SUCCEEDED", "FAILED").contains(e.getString("state"))) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(e.getString("state")).as(e.prettify()).isEqualTo("SUCCEEDED");
    assertThat(e.getString("fileName")).startsWith("compare-1-2-").endsWith(".csv");
    assertThat(e.getLong("rows")).isEqualTo(3);
    byte[] bytes =
        as(tenant.key())
            .get(exports + "/" + id + "/file")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    List<List<String>> rows = Csv.parse(new String(bytes, StandardCharsets.UTF_8));
    assertThat(rows.get(0))
        .containsExactly("Object", "Id", "Change", "Field", "OldValue", "NewValue");
    Map<String, String> kinds = new HashMap<>();
    List<String> title = null;
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row.get(0)).isEqualTo("Contact");
      kinds.put(row.get(1), row.get(2));
      if (row.get(3).equals("Title")) {
        title = row;
      }
    }
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(changedId, "CHANGED", deletedId, "DELETED", addedId, "ADDED"));
    assertThat(title)
        .containsExactly("Contact", changedId, "CHANGED", "Title", oldTitle, NEW_TITLE);
  }

  @Test
  void badInputIsRefusedAtTheEdgeAndUnknownThingsAreNotFound() throws Exception {
    twoBackups();
    Map<String, String> refused =
        Map.of(
            data() + "/backups/2/objects/Bad-Name/schema", "invalid_object",
            data() + "/backups/zero/objects", "invalid_backup",
            data() + "/backups/2/objects/Contact/records/not-an-id", "invalid_record_id",
            data() + "/backups/2/objects/Contact/records?limit=0", "invalid_limit",
            data() + "/backups/2/objects/Contact/records?limit=1001", "invalid_limit",
            data() + "/backups/2/objects/Contact/records?search=x", "bad_query",
            data() + "/compare?from=2&to=1", "invalid_backup_pair",
            data() + "/compare?from=1&to=2&kind=renamed", "invalid_kind",
            data() + "/objects/Contact/records/" + changedId + "/as-of?at=yesterday", "invalid_at");
    as(tenant.key())
        .queryParam("from", 1)
        .queryParam("to", 2)
        .queryParam("field", java.util.Collections.nCopies(41, "Title"))
        .get(data() + "/compare")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_filter"));
    refused.forEach(
        (path, code) ->
            as(tenant.key()).get(path).then().statusCode(400).body("error", equalTo(code)));
    as(tenant.key())
        .get(data() + "/backups/99/objects")
        .then()
        .statusCode(404)
        .body("error", equalTo("backup_not_found"));
    as(tenant.key())
        .get(data() + "/backups/2/objects/NoSuchThing__c/schema")
        .then()
        .statusCode(404)
        .body("error", equalTo("object_not_found"));
    as(tenant.key())
        .get(data() + "/backups/1/objects/NoSuchThing__c/records")
        .then()
        .statusCode(404)
        .body("error", equalTo("object_not_found"));
    as(tenant.key())
        .get(data() + "/compare?from=1&to=99")
        .then()
        .statusCode(404)
        .body("error", equalTo("backup_not_found"));
  }

  @Test
  void anotherTenantGetsNotFoundOnEveryDataEndpoint() throws Exception {
    twoBackups();
    Created other = createTenant("nosy-" + UUID.randomUUID().toString().substring(0, 8));
    for (String path :
        List.of(
            "/backups",
            "/backups/2/objects",
            "/backups/2/objects/Contact/schema",
            "/backups/2/objects/Contact/records",
            "/backups/2/objects/Contact/records/" + changedId,
            "/backups/2/objects/Contact/records/" + changedId + "/related",
            "/objects/Contact/records/" + changedId + "/history",
            "/objects/Contact/records/" + changedId + "/as-of?at=2030-01-01T00:00:00Z",
            "/compare?from=1&to=2",
            "/compare/changes?from=1&to=2")) {
      as(other.key()).get(data() + path).then().statusCode(404).body("error", equalTo("not_found"));
    }
    // an org that never ran a backup has none
    as(tenant.key())
        .get("/api/v1/orgs/" + UUID.randomUUID() + "/data/backups")
        .then()
        .statusCode(404);
  }
}
