package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading job requests (JSON bodies, enumerations) and answering the shared resources. */
final class JobRequests {
  /** Jobs per page of a job list. */
  static final int LIST_PAGE_SIZE = 1000;

  private JobRequests() {}

  /** The JSON object body of a request; unknown properties are refused as Salesforce does. */
  static ObjectNode body(Request req, Set<String> properties) throws IOException {
    return body(req.bodyBytes(), properties);
  }

  /** A JSON object given as bytes; unknown properties are refused. */
  static ObjectNode body(byte[] json, Set<String> properties) throws IOException {
    JsonNode n;
    try {
      n = Responses.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw BulkErrors.jsonParser("Unable to parse the request body: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw BulkErrors.jsonParser("The request body must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!properties.contains(name)) {
        throw BulkErrors.jsonParser("Unrecognized field \"" + name + "\"");
      }
    }
    return (ObjectNode) n;
  }

  /** A text property, or null when absent or JSON null. */
  static String text(ObjectNode body, String property) {
    JsonNode v = body.get(property);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw BulkErrors.invalidValue(property, v.toString());
    }
    return v.asText();
  }

  /** An enumeration property, case as Salesforce spells it; the default when absent. */
  static <E extends Enum<E>> E option(ObjectNode body, String property, Class<E> type, E dflt) {
    String v = text(body, property);
    if (v == null) {
      return dflt;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    throw BulkErrors.invalidValue(property, v);
  }

  /** Checks an optional {@code contentType}: CSV is the only one. */
  static void checkContentType(ObjectNode body) {
    String ct = text(body, "contentType");
    if (ct != null && !ct.equals("CSV")) {
      throw BulkErrors.invalidValue("contentType", ct);
    }
  }

  /** The {@code state} a PATCH asks for. */
  static JobState requestedState(ObjectNode body) {
    String s = text(body, "state");
    if (s == null) {
      throw BulkErrors.apiError("The state property is required");
    }
    for (JobState js : JobState.values()) {
      if (js.name().equals(s)) {
        return js;
      }
    }
    throw BulkErrors.invalidValue("state", s);
  }

  /** Aborts a job that has not finished yet. */
  static void abort(BulkJob job, java.time.Instant now) {
    synchronized (job) {
      JobState s = job.state();
      if (s.terminal()) {
        String word =
            switch (s) {
              case JobComplete -> "Completed";
              case Failed -> "Failed";
              default -> "Aborted";
            };
        throw BulkErrors.invalidJobState("Aborting already " + word + " Job not allowed");
      }
      job.moveTo(JobState.Aborted, now);
    }
  }

  /**
   * Answers {@code GET jobs/query} or {@code GET jobs/ingest}: a page of jobs with {@code done} and
   * {@code nextRecordsUrl}, filtered by {@code jobType}, {@code concurrencyMode} and {@code
   * isPkChunkingEnabled}.
   */
  static void list(Request req, List<? extends BulkJob> all, String resourcePath)
      throws IOException {
    String jobType = req.param("jobType");
    String mode = req.param("concurrencyMode");
    String pk = req.param("isPkChunkingEnabled");
    List<? extends BulkJob> jobs =
        all.stream()
            .filter(j -> jobType == null || jobType.equals(j.jobType()))
            .filter(j -> mode == null || mode.equals("Parallel"))
            .filter(j -> pk == null || !pk.toLowerCase(Locale.ROOT).equals("true"))
            .toList();
    int start = 0;
    String locator = req.param("queryLocator");
    if (locator != null && !locator.isEmpty() && !locator.equals(ResultLocator.END)) {
      start = ResultLocator.offset(locator);
      if (start < 0 || start > jobs.size()) {
        throw new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
      }
    }
    int end = Math.min(jobs.size(), start + LIST_PAGE_SIZE);
    ObjectNode out = Responses.JSON.createObjectNode();
    out.put("done", end >= jobs.size());
    ArrayNode records = out.putArray("records");
    for (BulkJob j : jobs.subList(start, end)) {
      records.add(j.listEntry());
    }
    if (end < jobs.size()) {
      StringBuilder url = new StringBuilder(resourcePath).append("?queryLocator=");
      url.append(ResultLocator.of(end));
      for (String p : new String[] {"jobType", "concurrencyMode", "isPkChunkingEnabled"}) {
        if (req.param(p) != null) {
          url.append('&')
              .append(p)
              .append('=')
              .append(
                  java.net.URLEncoder.encode(
                      req.param(p), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      out.put("nextRecordsUrl", url.toString());
    } else {
      out.putNull("nextRecordsUrl");
    }
    Responses.json(req.exchange(), 200, out);
  }
}
