package io.orgvault.engine.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.salesforce.ExtractionCheckpoint;
import io.orgvault.engine.salesforce.ExtractionMethod;
import java.io.IOException;
import java.time.Instant;

/**
 * Where the extraction of an object in a pending backup continues, as the store keeps it (the
 * resume position of a {@code PendingObject}, sealed with the rest of the pending state): the
 * client's checkpoint and the object's high-water mark, the server time read before its extraction
 * began. The mark stays that of the run that started the object, so the rows a pause between runs
 * lets change are read again by the next incremental backup: no gap.
 *
 * @param mark epoch ms: the object's high-water mark once complete
 */
record ResumePoint(long mark, ExtractionCheckpoint checkpoint) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  Instant markInstant() {
    return Instant.ofEpochMilli(mark);
  }

  String encode() {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", VERSION);
    n.put("mark", mark);
    ObjectNode c = n.putObject("checkpoint");
    c.put("object", checkpoint.objectName());
    c.put("signature", checkpoint.querySignature());
    c.put("method", checkpoint.method().name());
    c.put("apiVersion", checkpoint.apiVersion());
    c.put("bulkJobId", checkpoint.bulkJobId());
    c.put("bulkLocator", checkpoint.bulkLocator());
    c.put("skip", checkpoint.skipInResultSet());
    c.put("lastId", checkpoint.lastId());
    c.put("delivered", checkpoint.delivered());
    return n.toString();
  }

  /**
   * Reads an encoded resume point.
   *
   * @throws IllegalArgumentException if it is not one this code wrote
   */
  static ResumePoint decode(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n.path("v").asInt() != VERSION) {
        throw new IllegalArgumentException("unknown resume position version");
      }
      JsonNode c = n.get("checkpoint");
      return new ResumePoint(
          n.get("mark").asLong(),
          new ExtractionCheckpoint(
              c.get("object").asText(),
              c.get("signature").asText(),
              ExtractionMethod.valueOf(c.get("method").asText()),
              c.get("apiVersion").asInt(),
              textOrNull(c, "bulkJobId"),
              textOrNull(c, "bulkLocator"),
              c.get("skip").asLong(),
              textOrNull(c, "lastId"),
              c.get("delivered").asLong()));
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("not a resume position", e);
    }
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
