package io.orgvault.engine.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.SealedFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable record of a restore's run: before each write the records it is about to send
 * (intent), after it what Salesforce answered (outcome), each entry sealed and fsynced before the
 * run goes on ({@link SealedFiles.Log}). A re-run after a kill replays it: steps with an outcome
 * are not sent again, and a step with an intent but no outcome is <em>in doubt</em> (the request
 * may have reached Salesforce) and is reconciled against the org before anything is re-sent.
 * Entries are JSON objects with a version; unknown versions or kinds are refused. Format in
 * docs/restore.md, "Journal".
 */
final class RestoreJournal {
  static final int ENTRY_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The phases of a run, in the order they run. */
  enum Phase {
    UNDELETE,
    CREATE,
    UPDATE,
    SECOND_PASS
  }

  /** A step whose intent was journaled. */
  record Step(String key, Phase phase, String object, List<String> ids, int run) {}

  private final SealedFiles.Log log;
  private final Map<String, Step> intents = new LinkedHashMap<>();
  private final Map<String, Boolean> done = new HashMap<>();
  private final Map<String, RecordOutcome> outcomes = new LinkedHashMap<>();
  private final Map<String, String> newIds = new HashMap<>();
  private final List<Instant> runs = new ArrayList<>();
  private boolean finished;

  private RestoreJournal(SealedFiles.Log log) {
    this.log = log;
    for (byte[] entry : log.entries()) {
      apply(entry);
    }
  }

  static RestoreJournal open(RecordStore store, String restoreId) {
    return new RestoreJournal(SealedFiles.openLog(store, RestoreFiles.journal(restoreId)));
  }

  /** Whether a journal exists (a run has started). */
  static boolean exists(RecordStore store, String restoreId) {
    return SealedFiles.exists(store, RestoreFiles.journal(restoreId));
  }

  // ---------------------------------------------------------------- writing

  /** Starts a run; {@code serverTime} is the org's clock, the lower bound of what it creates. */
  int startRun(Instant serverTime) {
    ObjectNode n = entry("run");
    n.put("run", runs.size() + 1).put("serverTime", serverTime.toString());
    append(n);
    return runs.size();
  }

  void intent(String key, Phase phase, String object, List<String> ids) {
    ObjectNode n = entry("intent");
    n.put("step", key).put("phase", phase.name()).put("object", object).put("run", runs.size());
    ArrayNode a = n.putArray("ids");
    ids.forEach(a::add);
    append(n);
  }

  /** The outcome of a step (with or without an intent: a check that wrote nothing has none). */
  void outcome(String key, Phase phase, List<RecordOutcome> results) {
    ObjectNode n = entry("outcome");
    n.put("step", key).put("phase", phase.name());
    ArrayNode a = n.putArray("results");
    for (RecordOutcome r : results) {
      ObjectNode o = a.addObject();
      o.put("id", r.sourceId()).put("ok", r.ok()).put("targetId", r.targetId());
      o.put("code", r.code()).put("message", r.message()).put("note", r.note());
      ArrayNode f = o.putArray("fields");
      r.fields().forEach(f::add);
    }
    append(n);
  }

  /** Old ContentDocument Id to the one a re-created ContentVersion made. */
  void documents(Map<String, String> map) {
    ObjectNode n = entry("documents");
    ObjectNode m = n.putObject("map");
    map.forEach(m::put);
    append(n);
  }

  void finish() {
    append(entry("finished"));
  }

  // ---------------------------------------------------------------- state

  boolean isDone(String key) {
    return done.containsKey(key);
  }

  /** Steps with an intent and no outcome, in journal order. */
  List<Step> inDoubt() {
    List<Step> out = new ArrayList<>();
    intents.forEach(
        (k, s) -> {
          if (!done.containsKey(k)) {
            out.add(s);
          }
        });
    return out;
  }

  RecordOutcome outcome(Phase phase, String sourceId) {
    return outcomes.get(phase + ":" + sourceId);
  }

  /** Backed-up Id to its Id in the target, for records this restore created. */
  String newId(String sourceId) {
    return newIds.get(sourceId);
  }

  Instant runStart(int run) {
    return runs.get(run - 1);
  }

  boolean finished() {
    return finished;
  }

  // ---------------------------------------------------------------- reading

  private void apply(byte[] bytes) {
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UnreadableJournalException("an entry is not JSON");
    }
    if (n.path("v").asInt(-1) != ENTRY_VERSION) {
      throw new UnreadableJournalException("unsupported journal entry version " + n.path("v"));
    }
    try {
      switch (n.path("e").asText()) {
        case "run" -> runs.add(Instant.parse(n.get("serverTime").asText()));
        case "intent" -> {
          List<String> ids = new ArrayList<>();
          n.get("ids").forEach(x -> ids.add(x.asText()));
          String key = n.get("step").asText();
          intents.put(
              key,
              new Step(
                  key,
                  Phase.valueOf(n.get("phase").asText()),
                  n.get("object").asText(),
                  ids,
                  n.get("run").asInt()));
        }
        case "outcome" -> {
          Phase phase = Phase.valueOf(n.get("phase").asText());
          for (JsonNode o : n.get("results")) {
            List<String> fields = new ArrayList<>();
            o.get("fields").forEach(x -> fields.add(x.asText()));
            RecordOutcome r =
                new RecordOutcome(
                    o.get("id").asText(),
                    o.get("ok").asBoolean(),
                    text(o, "targetId"),
                    text(o, "code"),
                    text(o, "message"),
                    fields,
                    text(o, "note"));
            outcomes.put(phase + ":" + r.sourceId(), r);
            if (phase == Phase.CREATE && r.ok()) {
              newIds.put(r.sourceId(), r.targetId());
            }
          }
          done.put(n.get("step").asText(), true);
        }
        case "documents" ->
            n.get("map")
                .fields()
                .forEachRemaining(e -> newIds.put(e.getKey(), e.getValue().asText()));
        case "finished" -> finished = true;
        default -> throw new UnreadableJournalException("unknown journal entry " + n.path("e"));
      }
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new UnreadableJournalException("a journal entry lacks a field or has a bad value");
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static ObjectNode entry(String kind) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", ENTRY_VERSION).put("e", kind);
    return n;
  }

  private void append(ObjectNode n) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    log.append(bytes);
    apply(bytes);
  }
}
