package io.orgvault.sandbox.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.AsOfVersion;
import io.orgvault.engine.browse.BackupBrowser;
import io.orgvault.engine.browse.HistoryVersion;
import io.orgvault.engine.browse.ObjectCount;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.browse.RecordPage;
import io.orgvault.engine.browse.RelatedRecord;
import io.orgvault.engine.browse.RelatedRecords;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.ComparePage;
import io.orgvault.engine.compare.CompareSummary;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.HistoryEntry;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.job.SandboxMain;
import io.orgvault.sandbox.launch.ReleasedDataKey;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.JobSecrets;
import io.orgvault.sandbox.protocol.JobSpec;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant's query sandbox answers from its store what the store answers in this JVM. */
class QuerySandboxTest {
  static final Duration ANSWER = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  static SandboxLauncher launcher;
  static TenantFixture acme;
  static TenantSandbox box;
  static QuerySandboxes queries;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-query");
    launcher = Sandboxes.launcher(dir);
    acme = new TenantFixture("acme", Simulator.builder().contacts(300).port(0).start(), dir);
    backup();
    acme.sim.simulateDay(DayRates.typical());
    backup();
    box = new TenantSandbox("acme", 61_070, acme.volume, Set.of());
    queries =
        new QuerySandboxes(
            launcher,
            Duration.ofSeconds(2),
            Sandboxes.testLimits().withWallClock(Duration.ofMinutes(10)),
            QuerySandboxTest::opening);
  }

  /** The opening request of the store the sandbox is for: its own data key, released now. */
  static JobRequest opening(TenantSandbox t) {
    try (FileKeyEncryptionKey kek = acme.kek();
        ReleasedDataKey key = ReleasedDataKey.release(t.volume(), t.tenant(), kek)) {
      byte[] m = key.material();
      try {
        return new JobRequest(
            JobSpec.ofStore(JobKind.QUERY, t.tenant(), "/unused", key.kekId(), key.binding()),
            JobSecrets.ofAccessToken(null, m));
      } finally {
        java.util.Arrays.fill(m, (byte) 0);
      }
    }
  }

  static void backup() {
    int exit =
        SandboxMain.run(
            new ByteArrayInputStream(acme.backupRequest(acme.volume.toString()).toJson()),
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(exit).isEqualTo(ExitCodes.OK);
  }

  @AfterAll
  static void stop() throws Exception {
    queries.close();
    launcher.close();
    acme.close();
  }

  static JsonNode ask(String json) throws Exception {
    JsonNode answer = queries.ask(box, (ObjectNode) JSON.readTree(json), ANSWER);
    return answer;
  }

  @Test
  void answersLikeTheStoreAndStopsWhenIdle() throws Exception {
    JsonNode backups = ask("{\"op\":\"backups\"}");
    assertThat(backups.get("type").asText()).isEqualTo("query-result");
    assertThat(backups.at("/result/backups").size()).isEqualTo(2);
    assertThat(queries.runningTenants()).containsExactly("acme");

    List<String> changed = new ArrayList<>();
    long changedCount;
    try (RecordStore store = acme.openStore()) {
      try (RecordStream rs = store.changesBetween(1, 2, "Contact")) {
        for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
          changed.add(it.next().id());
        }
      }
      changedCount = changed.size();
      String id = changed.get(0);
      List<HistoryEntry> expected = store.history("Contact", id);

      JsonNode history =
          ask("{\"op\":\"history\",\"object\":\"Contact\",\"recordId\":\"" + id + "\"}");
      JsonNode versions = history.at("/result/versions");
      assertThat(versions.size()).isEqualTo(expected.size()).isGreaterThanOrEqualTo(2);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(versions.get(i).get("backup").asLong())
            .isEqualTo(expected.get(i).backupNumber());
        assertThat(versions.get(i).get("systemModstamp").asLong())
            .isEqualTo(expected.get(i).version().systemModstamp());
      }

      JsonNode get =
          ask("{\"op\":\"get\",\"backup\":1,\"object\":\"Contact\",\"recordId\":\"" + id + "\"}");
      assertThat(get.at("/result/record/systemModstamp").asLong())
          .isEqualTo(store.snapshot(1).get("Contact", id).orElseThrow().systemModstamp());
      assertThat(get.at("/result/record/fields/LastName").asText())
          .isEqualTo(store.snapshot(1).get("Contact", id).orElseThrow().fields().get("LastName"));
    }

    JsonNode page1 = ask("{\"op\":\"browse\",\"object\":\"Contact\",\"limit\":5}");
    assertThat(page1.at("/result/records").size()).isEqualTo(5);
    String next = page1.at("/result/next").asText();
    JsonNode page2 =
        ask("{\"op\":\"browse\",\"object\":\"Contact\",\"limit\":5,\"cursor\":\"" + next + "\"}");
    assertThat(page2.at("/result/records/0/id").asText())
        .isGreaterThan(page1.at("/result/records/4/id").asText());

    JsonNode summary = ask("{\"op\":\"compare-summary\",\"from\":1,\"to\":2}");
    long contactChanges = 0;
    for (JsonNode o : summary.at("/result/objects")) {
      if (o.get("object").asText().equals("Contact")) {
        contactChanges =
            o.get("added").asLong() + o.get("deleted").asLong() + o.get("changed").asLong();
      }
    }
    assertThat(contactChanges).isPositive().isLessThanOrEqualTo(changedCount);

    // A bad request is answered as such and the sandbox goes on.
    JsonNode bad = ask("{\"op\":\"drop-table\"}");
    assertThat(bad.get("type").asText()).isEqualTo("query-failed");
    assertThat(bad.get("message").asText()).contains("unknown op");
    assertThat(ask("{\"op\":\"backups\"}").get("type").asText()).isEqualTo("query-result");

    ProcessHandle sandbox = queries.processOf(box).orElseThrow();
    // Idle for the timeout: stopped, process gone; the next request starts a new one.
    for (int i = 0; i < 200 && !queries.runningTenants().isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(queries.runningTenants()).isEmpty();
    assertThat(sandbox.isAlive()).isFalse();
    assertThat(ask("{\"op\":\"backups\"}").at("/result/backups").size()).isEqualTo(2);
  }

  @Test
  void eachStoreOfATenantHasASandboxOfItsOwn() throws Exception {
    // A second org's store of the same tenant: empty, under the same uid, in its own sandbox.
    Path second = acme.volume.resolveSibling("acme-second-org");
    try (FileKeyEncryptionKey kek = acme.kek()) {
      RecordStore.create(second, "acme", kek).close();
    }
    TenantSandbox secondBox = new TenantSandbox("acme", 61_070, second, Set.of());
    ObjectNode backups = query("backups");
    assertThat(queries.ask(box, backups, ANSWER).at("/result/backups").size()).isEqualTo(2);
    assertThat(queries.ask(secondBox, backups, ANSWER).at("/result/backups").size()).isZero();
    assertThat(queries.runningStores()).contains(acme.volume, second);
    assertThat(queries.runningTenants()).containsExactly("acme");
    ProcessHandle first = queries.processOf(box).orElseThrow();
    ProcessHandle other = queries.processOf(secondBox).orElseThrow();
    assertThat(other.pid()).isNotEqualTo(first.pid());

    // Stopping one store's sandbox leaves the other running; the next request starts it again.
    queries.stop(secondBox);
    assertThat(other.isAlive()).isFalse();
    assertThat(queries.processOf(secondBox)).isEmpty();
    assertThat(first.isAlive()).isTrue();
    assertThat(queries.ask(secondBox, backups, ANSWER).at("/result/backups").size()).isZero();
    queries.stop(secondBox);
  }

  @Test
  void aSlowStartHoldsUpNoOtherStoreAndConcurrentFirstRequestsStartOneSandbox() throws Exception {
    Path third = acme.volume.resolveSibling("acme-third-org");
    try (FileKeyEncryptionKey kek = acme.kek()) {
      RecordStore.create(third, "acme", kek).close();
    }
    TenantSandbox thirdBox = new TenantSandbox("acme", 61_070, third, Set.of());
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger opens = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (QuerySandboxes own =
        new QuerySandboxes(
            launcher,
            Duration.ofMinutes(1),
            Sandboxes.testLimits().withWallClock(Duration.ofMinutes(10)),
            t -> {
              if (t.volume().equals(third)) {
                // the third store's start is held up here, as a slow JVM start would be
                opens.incrementAndGet();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return opening(t);
            })) {
      ObjectNode backups = query("backups");
      assertThat(own.ask(box, backups, ANSWER).at("/result/backups").size()).isEqualTo(2);
      List<Future<JsonNode>> thirds = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        thirds.add(pool.submit(() -> own.ask(thirdBox, backups, ANSWER)));
      }
      for (int i = 0; i < 200 && opens.get() == 0; i++) {
        Thread.sleep(50);
      }
      assertThat(opens.get()).isEqualTo(1);
      // the warm store answers while the other one's start is held up
      Future<JsonNode> warm = pool.submit(() -> own.ask(box, backups, ANSWER));
      assertThat(warm.get(10, TimeUnit.SECONDS).at("/result/backups").size()).isEqualTo(2);
      release.countDown();
      for (Future<JsonNode> f : thirds) {
        assertThat(f.get(60, TimeUnit.SECONDS).at("/result/backups").size()).isZero();
      }
      // three concurrent first requests, one start
      assertThat(opens.get()).isEqualTo(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aPageLongerThanAnAnswerMayBeIsCutAndItsCursorContinuesRightAfter() throws Exception {
    long live;
    try (RecordStore store = acme.openStore()) {
      live =
          new BackupBrowser(store, 2)
              .objects().stream()
                  .filter(o -> o.object().equals("Contact"))
                  .findFirst()
                  .orElseThrow()
                  .records();
    }
    List<String> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      ObjectNode q = query("browse").put("backup", 2).put("object", "Contact");
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      JsonNode page = queries.ask(box, q, ANSWER);
      assertThat(page.get("result").toString().length())
          .isLessThanOrEqualTo(StoreQueries.MAX_ANSWER_CHARS);
      all.addAll(ids(page.get("result")));
      cursor = page.at("/result/next").isNull() ? null : page.at("/result/next").asText();
      pages++;
    } while (cursor != null);
    // Contacts of this org do not fit one answer: cut, yet every record comes exactly once.
    assertThat(pages).isGreaterThan(1);
    assertThat(all).hasSize((int) live).doesNotHaveDuplicates().isSorted();
  }

  static ObjectNode query(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  static JsonNode result(ObjectNode q) throws Exception {
    JsonNode a = queries.ask(box, q, ANSWER);
    assertThat(a.get("type").asText()).as(a.toString()).isEqualTo(QueryServer.RESULT);
    return a.get("result");
  }

  static void assertSameChanges(JsonNode answered, List<RecordChange> expected) {
    assertThat(answered.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      RecordChange c = expected.get(i);
      JsonNode a = answered.get(i);
      assertThat(a.get("object").asText()).isEqualTo(c.object());
      assertThat(a.get("id").asText()).isEqualTo(c.id());
      assertThat(a.get("kind").asText()).isEqualTo(c.kind().name().toLowerCase(Locale.ROOT));
      if (c.kind() == ChangeKind.CHANGED) {
        assertThat(a.get("fields")).isEqualTo(tree(AnswerJson.fieldChanges(c.fields())));
      } else {
        RecordVersion v = c.kind() == ChangeKind.ADDED ? c.after() : c.before();
        assertThat(a.get("record")).isEqualTo(tree(AnswerJson.version(v)));
      }
    }
  }

  @Test
  void compareThroughTheSandboxEqualsTheEngine() throws Exception {
    int pageSize = 10;
    try (RecordStore store = acme.openStore()) {
      Comparison direct = Comparison.between(store, 1, 2);
      CompareSummary summary = direct.summary(CompareFilter.ALL);
      JsonNode s = result(query("compare-summary").put("from", 1).put("to", 2));
      assertThat(s.get("objects").size()).isEqualTo(summary.objects().size());
      for (int i = 0; i < summary.objects().size(); i++) {
        assertThat(s.get("objects").get(i))
            .isEqualTo(tree(AnswerJson.objectSummary(summary.objects().get(i))));
      }
      assertThat(summary.objects().stream().mapToLong(o -> o.total()).sum())
          .isGreaterThan(2L * pageSize);

      ComparePage first = direct.page(CompareFilter.ALL, null, pageSize);
      JsonNode p1 = result(query("compare").put("from", 1).put("to", 2).put("limit", pageSize));
      assertSameChanges(p1.get("changes"), first.changes());
      // The sandbox's cursor is the engine's, sealed by the same store: it continues there.
      ComparePage second =
          direct.page(CompareFilter.ALL, first.nextCursor().orElseThrow(), pageSize);
      JsonNode p2 =
          result(
              query("compare")
                  .put("from", 1)
                  .put("to", 2)
                  .put("limit", pageSize)
                  .put("cursor", p1.get("next").asText()));
      assertSameChanges(p2.get("changes"), second.changes());
      // and the engine accepts the sandbox's cursor
      assertThat(direct.page(CompareFilter.ALL, p1.get("next").asText(), pageSize).changes())
          .isEqualTo(second.changes());

      // Filters: object, kind, field.
      CompareFilter changedLastName =
          CompareFilter.ALL
              .objects(Set.of("Contact"))
              .kinds(Set.of(ChangeKind.CHANGED))
              .fields(Set.of("LastName", "Email"));
      ObjectNode filtered = query("compare").put("from", 1).put("to", 2).put("limit", pageSize);
      filtered.putArray("objects").add("Contact");
      filtered.putArray("kinds").add("changed");
      filtered.putArray("fields").add("LastName").add("Email");
      assertSameChanges(
          result(filtered).get("changes"), direct.page(changedLastName, null, pageSize).changes());
    }
  }

  @Test
  void aTamperedOrForeignCursorIsRefusedWithoutData() throws Exception {
    JsonNode p1 = result(query("compare").put("from", 1).put("to", 2).put("limit", 5));
    String cursor = p1.get("next").asText();
    char[] c = cursor.toCharArray();
    int mid = c.length / 2;
    c[mid] = c[mid] == 'A' ? 'B' : 'A';
    String tampered = new String(c);
    JsonNode browsePage = result(query("browse").put("object", "Contact").put("limit", 5));
    String browseCursor = browsePage.get("next").asText();

    ObjectNode otherFilter = query("compare").put("from", 1).put("to", 2).put("cursor", cursor);
    otherFilter.putArray("kinds").add("added");
    for (ObjectNode q :
        List.of(
            query("compare").put("from", 1).put("to", 2).put("cursor", tampered),
            // a browse cursor is not a compare cursor, nor the other way round
            query("compare").put("from", 1).put("to", 2).put("cursor", browseCursor),
            query("browse").put("object", "Contact").put("cursor", cursor),
            // the same comparison with another filter
            otherFilter,
            // a browse cursor for another listing
            query("browse")
                .put("object", "Contact")
                .put("search", "ab")
                .put("cursor", browseCursor),
            query("compare").put("from", 1).put("to", 2).put("cursor", "not-a-cursor"))) {
      JsonNode a = queries.ask(box, q, ANSWER);
      assertThat(a.get("type").asText()).as(q.toString()).isEqualTo(QueryServer.FAILED);
      assertThat(a.get("error").asText()).as(q.toString()).isEqualTo(QueryServer.INVALID_CURSOR);
      assertThat(a.has("result")).isFalse();
      assertThat(a.get("message").asText()).doesNotContain(cursor).doesNotContain(browseCursor);
    }
    // The sandbox goes on.
    assertThat(result(query("backups")).get("backups").size()).isEqualTo(2);
  }

  @Test
  void historyAsOfBrowseAndRelatedRoundTrip() throws Exception {
    try (RecordStore store = acme.openStore()) {
      String id;
      try (RecordStream rs = store.changesBetween(1, 2, "Contact")) {
        id = rs.next().id();
      }
      List<HistoryVersion> versions = new RecordHistory(store).versions("Contact", id);
      JsonNode h = result(query("history").put("object", "Contact").put("recordId", id));
      assertThat(h.get("total").asInt()).isEqualTo(versions.size());
      for (int i = 0; i < versions.size(); i++) {
        assertThat(h.get("versions").get(i))
            .isEqualTo(tree(AnswerJson.historyVersion(versions.get(i), i == 0)));
      }
      JsonNode h2 =
          result(query("history").put("object", "Contact").put("recordId", id).put("limit", 1));
      assertThat(h2.get("versions").size()).isEqualTo(1);
      assertThat(h2.get("next").asInt()).isEqualTo(1);

      Instant firstBackup = store.manifest(1).createdAt();
      AsOfVersion asOf = new RecordHistory(store).asOf("Contact", id, firstBackup.plusMillis(1));
      JsonNode a =
          result(
              query("as-of")
                  .put("object", "Contact")
                  .put("recordId", id)
                  .put("at", firstBackup.plusMillis(1).toString()));
      assertThat(a.get("backup").asLong()).isEqualTo(asOf.backup()).isEqualTo(1);
      assertThat(a.get("record")).isEqualTo(tree(AnswerJson.version(asOf.version().orElseThrow())));

      BackupBrowser browser = new BackupBrowser(store, 2);
      JsonNode objects = result(query("objects").put("backup", 2));
      List<ObjectCount> counts = browser.objects();
      assertThat(objects.get("objects").size()).isEqualTo(counts.size());
      for (int i = 0; i < counts.size(); i++) {
        assertThat(objects.get("objects").get(i).get("object").asText())
            .isEqualTo(counts.get(i).object());
        assertThat(objects.get("objects").get(i).get("records").asLong())
            .isEqualTo(counts.get(i).records());
      }

      RecordPage records = browser.records("Contact", null, 7);
      JsonNode r1 =
          result(query("browse").put("backup", 2).put("object", "Contact").put("limit", 7));
      assertThat(ids(r1)).isEqualTo(records.records().stream().map(RecordVersion::id).toList());
      JsonNode r2 =
          result(
              query("browse")
                  .put("backup", 2)
                  .put("object", "Contact")
                  .put("limit", 7)
                  .put("cursor", r1.get("next").asText()));
      assertThat(ids(r2))
          .isEqualTo(
              browser.records("Contact", records.nextCursor().orElseThrow(), 7).records().stream()
                  .map(RecordVersion::id)
                  .toList());

      RecordVersion sample = records.records().get(3);
      String lastName = (String) sample.fields().get("LastName");
      JsonNode eq =
          result(
              query("browse")
                  .put("backup", 2)
                  .put("object", "Contact")
                  .put("field", "LastName")
                  .put("equals", lastName));
      assertThat(ids(eq))
          .contains(sample.id())
          .isEqualTo(
              browser.whereEquals("Contact", "LastName", lastName, null, 1000).records().stream()
                  .map(RecordVersion::id)
                  .toList());
      String text = lastName.substring(0, 3).toUpperCase(Locale.ROOT);
      JsonNode found =
          result(
              query("browse")
                  .put("backup", 2)
                  .put("object", "Contact")
                  .put("search", text)
                  .put("limit", 50));
      assertThat(ids(found))
          .contains(sample.id())
          .isEqualTo(
              browser.search("Contact", text, null, 50).records().stream()
                  .map(RecordVersion::id)
                  .toList());

      String account = (String) sample.fields().get("AccountId");
      assertThat(account).isNotNull();
      RelatedRecords related = new RelatedRecords(store, 2);
      JsonNode rel =
          result(
              query("related")
                  .put("backup", 2)
                  .put("object", "Contact")
                  .put("recordId", sample.id()));
      List<RelatedRecord> parents = related.parents("Contact", sample.id());
      assertThat(rel.get("parents").size()).isEqualTo(parents.size());
      for (int i = 0; i < parents.size(); i++) {
        assertThat(rel.get("parents").get(i)).isEqualTo(tree(AnswerJson.related(parents.get(i))));
      }
      JsonNode accountRel =
          result(
              query("related").put("backup", 2).put("object", "Account").put("recordId", account));
      List<RelatedRecord> children = related.children(account);
      assertThat(accountRel.get("childrenTotal").asInt()).isEqualTo(children.size());
      List<String> childIds = new ArrayList<>();
      accountRel.get("children").forEach(n -> childIds.add(n.get("id").asText()));
      assertThat(childIds)
          .contains(sample.id())
          .isEqualTo(children.stream().map(RelatedRecord::id).toList());
    }
    // Bad input: typed, and no data.
    JsonNode bad =
        queries.ask(box, query("browse").put("object", "Contact").put("search", "a"), ANSWER);
    assertThat(bad.get("error").asText()).isEqualTo(QueryServer.BAD_QUERY);
    JsonNode badRange = queries.ask(box, query("compare").put("from", 2).put("to", 1), ANSWER);
    assertThat(badRange.get("error").asText()).isEqualTo(QueryServer.BAD_QUERY);
  }

  /** As the sandbox's answer reads back: numbers typed as parsed. */
  static JsonNode tree(JsonNode n) {
    try {
      return JSON.readTree(n.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("records").forEach(n -> out.add(n.get("id").asText()));
    return out;
  }
}
