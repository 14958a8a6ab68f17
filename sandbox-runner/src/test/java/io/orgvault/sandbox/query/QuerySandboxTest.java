package io.orgvault.sandbox.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.HistoryEntry;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.job.SandboxMain;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
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
            t -> acme.storeRequest(JobKind.QUERY, "/unused"));
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
        ask("{\"op\":\"browse\",\"object\":\"Contact\",\"limit\":5,\"after\":\"" + next + "\"}");
    assertThat(page2.at("/result/records/0/id").asText()).isGreaterThan(next);

    JsonNode changes = ask("{\"op\":\"changes\",\"after\":1,\"upTo\":2,\"object\":\"Contact\"}");
    assertThat(changes.at("/result/records").size()).isEqualTo((int) changedCount);

    // A bad request is answered as such and the sandbox goes on.
    JsonNode bad = ask("{\"op\":\"drop-table\"}");
    assertThat(bad.get("type").asText()).isEqualTo("query-failed");
    assertThat(bad.get("message").asText()).contains("unknown op");
    assertThat(ask("{\"op\":\"backups\"}").get("type").asText()).isEqualTo("query-result");

    ProcessHandle sandbox = queries.processOf("acme").orElseThrow();
    // Idle for the timeout: stopped, process gone; the next request starts a new one.
    for (int i = 0; i < 200 && !queries.runningTenants().isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(queries.runningTenants()).isEmpty();
    assertThat(sandbox.isAlive()).isFalse();
    assertThat(ask("{\"op\":\"backups\"}").at("/result/backups").size()).isEqualTo(2);
  }
}
