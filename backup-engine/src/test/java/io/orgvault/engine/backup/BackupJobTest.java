package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.ObjectTable;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A first full backup and an incremental one after a simulated day, against the simulator. */
class BackupJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static BackupFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new BackupFixture(2000, BackupFixture.tempDir());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void fullThenIncrementalBackupsEqualTheOrg() throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    BackupResult first =
        fx.backup(fx.client(), BackupOptions.defaults(), new JsonLinesProgress(events));
    assertThat(first.committed()).as(first.stopReason()).isTrue();
    assertThat(first.objects()).allMatch(ObjectOutcome::full);
    assertThat(first.skipped())
        .contains(new SkippedObject("ContentDocumentLink", SkippedObject.NOT_IN_BULK));
    System.out.println(
        "full: rows "
            + first.rowsWritten()
            + ", calls "
            + first.apiCallsUsed()
            + ", skipped "
            + first.skipped());

    List<JsonNode> lines = new ArrayList<>();
    for (String line : events.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines.get(0).get("type").asText()).isEqualTo("run-started");
    // Objects run in parallel (default parallelism), yet events arrive one at a time, the calls
    // counted never go backwards, and every object started is done.
    long calls = 0;
    java.util.Set<String> open = new java.util.HashSet<>();
    for (JsonNode n : lines) {
      assertThat(n.get("apiCallsUsed").asLong()).isGreaterThanOrEqualTo(calls);
      calls = n.get("apiCallsUsed").asLong();
      switch (n.get("type").asText()) {
        case "object-started" -> assertThat(open.add(n.get("object").asText())).isTrue();
        case "object-done" -> assertThat(open.remove(n.get("object").asText())).isTrue();
        default -> {}
      }
    }
    assertThat(open).isEmpty();
    assertThat(calls).isEqualTo(first.apiCallsUsed());
    assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("run-committed");
    assertThat(lines)
        .anySatisfy(
            n -> {
              assertThat(n.get("type").asText()).isEqualTo("object-done");
              assertThat(n.get("object").asText()).isEqualTo("Contact");
              assertThat(n.get("rowsDone").asLong()).isGreaterThanOrEqualTo(2000);
              assertThat(n.get("apiCallsUsed").asLong()).isPositive();
              assertThat(n.has("timestamp")).isTrue();
            });

    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(first.backupNumber().getAsLong());
      for (String object : List.of("Contact", "Account", "Opportunity", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertSameValues(s, "Contact", "LastName", "Email");
      assertSameValues(s, "Account", "Name");
      assertFileBodies(store, s, "ContentVersion", "VersionData");
      assertFileBodies(store, s, "Attachment", "Body");
    }

    fx.sim.simulateDay(DayRates.typical());
    BackupResult second = fx.backup(BackupOptions.defaults());
    assertThat(second.committed()).as(second.stopReason()).isTrue();
    assertThat(second.objects()).noneMatch(ObjectOutcome::full);
    assertThat(second.tombstones()).isPositive();
    assertThat(second.rowsWritten()).isPositive().isLessThan(first.rowsWritten() / 10);
    System.out.println(
        "incremental: rows "
            + second.rowsWritten()
            + ", tombstones "
            + second.tombstones()
            + ", calls "
            + second.apiCallsUsed());
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(second.backupNumber().getAsLong());
      for (String object :
          List.of("Contact", "Account", "Opportunity", "ContentVersion", "Attachment")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertSameValues(s, "Contact", "LastName", "Email");
      assertFileBodies(store, s, "ContentVersion", "VersionData");
      assertThat(store.verify().damages()).isEmpty();
    }

    // Nothing changed: a third run reads only the overlap window and stores nothing new.
    BackupResult third = fx.backup(BackupOptions.defaults());
    assertThat(third.committed()).isTrue();
    assertThat(third.rowsWritten()).isZero();
    assertThat(third.tombstones()).isZero();
  }

  private static void assertSameValues(Snapshot s, String object, String... fields) {
    ObjectTable t = fx.sim.org().table(object);
    int checked = 0;
    for (int row = 0; row < t.size() && checked < 50; row += 7) {
      if (!t.isLive(row)) {
        continue;
      }
      RecordVersion v = s.get(object, t.id(row)).orElseThrow();
      for (String f : fields) {
        Object expected = t.value(row, f);
        assertThat(v.fields().get(f)).as(object + "." + f).isEqualTo(expected);
      }
      checked++;
    }
    assertThat(checked).isPositive();
  }

  private static void assertFileBodies(RecordStore store, Snapshot s, String object, String field)
      throws Exception {
    Map<String, Long> rows = BackupFixture.snapshotRows(s, object);
    assertThat(rows).as(object).isNotEmpty();
    for (String id : rows.keySet()) {
      RecordVersion v = s.get(object, id).orElseThrow();
      BlobRef ref = (BlobRef) v.fields().get(field);
      assertThat(ref).as(object + " " + id).isNotNull();
      try (InputStream in = store.openBlob(ref)) {
        assertThat(in.readAllBytes()).isEqualTo(fx.sim.org().blob(object, id, field));
      }
    }
  }

  @Test
  void schemaDifferencesAreNamed() {
    var a = io.orgvault.engine.store.FieldSchema.of("A", "string");
    var b = io.orgvault.engine.store.FieldSchema.of("B", "int");
    var b2 = io.orgvault.engine.store.FieldSchema.of("B", "double");
    var c = io.orgvault.engine.store.FieldSchema.of("C", "date");
    SchemaChange ch = BackupJob.diff("X", List.of(a, b), List.of(b2, c));
    assertThat(ch.added()).containsExactly("C");
    assertThat(ch.removed()).containsExactly("A");
    assertThat(ch.changedType()).containsExactly("B");
    assertThat(BackupJob.diff("X", null, List.of(a)).isEmpty()).isTrue();
    assertThat(Manifest.class).isNotNull();
  }
}
