package io.orgvault.web.data.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.data.service.DataInput.CompareFilterInput;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.sandbox.StoreQuerySandboxes;
import io.orgvault.web.sandbox.StoreQuerySandboxes.QuerySandboxException;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads of an org's backups, each one query to the org store's query sandbox (protocol: module
 * sandbox-runner, "Query sandboxes"), its answer passed on as the sandbox gave it. The org is the
 * caller's tenant's or the answer is 404, whatever else is asked.
 */
@ApplicationScoped
public class OrgDataService {
  private static final Logger LOG = Logger.getLogger(OrgDataService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject SalesforceOrgRepository orgs;
  @Inject SandboxJobs jobs;
  @Inject StoreQuerySandboxes queries;

  /** The Salesforce org id of the tenant's org (connected now or not); 404 for any other. */
  public String sfOrgIdOf(TenantId tenant, UUID orgId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> orgs.find(tenant, orgId).map((SalesforceOrg o) -> o.sfOrgId))
        .orElseThrow(() -> ApiProblem.notFound("no such org"));
  }

  public JsonNode backups(TenantId tenant, UUID orgId) {
    String sfOrgId = sfOrgIdOf(tenant, orgId);
    if (!jobs.hasStore(tenant, sfOrgId)) {
      ObjectNode none = JSON.createObjectNode();
      none.putArray("backups");
      return none;
    }
    return ask(tenant, sfOrgId, query("backups"));
  }

  public JsonNode objects(TenantId tenant, UUID orgId, Long backup) {
    return ask(tenant, orgId, backup(query("objects"), backup));
  }

  /** The fields of an object in a backup; 404 when the backup has no such object. */
  public JsonNode schema(TenantId tenant, UUID orgId, Long backup, String object) {
    JsonNode r = ask(tenant, orgId, backup(query("schema"), backup).put("object", object));
    if (r.path("fields").isEmpty()) {
      throw new ApiProblem(404, "object_not_found", "the backup holds no object " + object);
    }
    return r;
  }

  /** A record as of a backup; empty when the backup has no version of it. */
  public Optional<JsonNode> record(
      TenantId tenant, UUID orgId, Long backup, String object, String recordId) {
    JsonNode r =
        ask(
            tenant,
            orgId,
            backup(query("get"), backup).put("object", object).put("recordId", recordId));
    return r.path("record").isObject() ? Optional.of(r) : Optional.empty();
  }

  public JsonNode browse(
      TenantId tenant,
      UUID orgId,
      Long backup,
      String object,
      String cursor,
      int limit,
      String field,
      String equals,
      String search) {
    ObjectNode q = backup(query("browse"), backup).put("object", object).put("limit", limit);
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    if (field != null) {
      q.put("field", field).put("equals", equals == null ? "" : equals);
    }
    if (search != null) {
      q.put("search", search);
    }
    return ask(tenant, orgId, q);
  }

  public JsonNode history(
      TenantId tenant, UUID orgId, String object, String recordId, int offset, int limit) {
    return ask(
        tenant,
        orgId,
        query("history")
            .put("object", object)
            .put("recordId", recordId)
            .put("offset", offset)
            .put("limit", limit));
  }

  public JsonNode asOf(TenantId tenant, UUID orgId, String object, String recordId, Instant at) {
    return ask(
        tenant,
        orgId,
        query("as-of").put("object", object).put("recordId", recordId).put("at", at.toString()));
  }

  public JsonNode related(
      TenantId tenant, UUID orgId, Long backup, String object, String recordId) {
    return ask(
        tenant,
        orgId,
        backup(query("related"), backup).put("object", object).put("recordId", recordId));
  }

  public JsonNode compareSummary(
      TenantId tenant, UUID orgId, long from, long to, CompareFilterInput filter) {
    return ask(tenant, orgId, compare(query("compare-summary"), from, to, filter));
  }

  public JsonNode compare(
      TenantId tenant,
      UUID orgId,
      long from,
      long to,
      CompareFilterInput filter,
      String cursor,
      int limit) {
    ObjectNode q = compare(query("compare"), from, to, filter).put("limit", limit);
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    return ask(tenant, orgId, q);
  }

  private JsonNode ask(TenantId tenant, UUID orgId, ObjectNode q) {
    String sfOrgId = sfOrgIdOf(tenant, orgId);
    if (!jobs.hasStore(tenant, sfOrgId)) {
      throw new ApiProblem(404, "no_backups", "the org has no backup yet");
    }
    return ask(tenant, sfOrgId, q);
  }

  private JsonNode ask(TenantId tenant, String sfOrgId, ObjectNode q) {
    JsonNode a;
    try {
      a = queries.ask(tenant, sfOrgId, q);
    } catch (QuerySandboxException e) {
      throw new ApiProblem(503, "sandbox_unavailable", e.getMessage());
    }
    if ("query-result".equals(a.path("type").asText())) {
      return a.get("result");
    }
    throw refusal(a.path("error").asText(), a.path("message").asText());
  }

  /** A failed query as the API answers it: the caller's mistake, not found, or our failure. */
  static ApiProblem refusal(String error, String message) {
    return switch (error) {
      case "invalid-cursor" ->
          ApiProblem.badRequest("invalid_cursor", "the cursor is not one this listing gave out");
      case "bad-query" -> badQuery(message);
      case "too-large" ->
          new ApiProblem(503, "answer_too_large", "one item alone is larger than an answer may be");
      default -> {
        LOG.errorf("a query failed in the sandbox: %s", error);
        yield new ApiProblem(
            503, "query_failed", "the query failed in the sandbox (" + error + ")");
      }
    };
  }

  /** The engine reports unknown backups and objects as bad input; the API calls them not found. */
  private static ApiProblem badQuery(String message) {
    String m = message == null ? "" : message;
    if (m.equals("no such backup") || m.matches("no backup \\d+ in this store")) {
      return new ApiProblem(404, "backup_not_found", "no such backup in this org's store");
    }
    if (m.equals("the store holds no backup yet")) {
      return new ApiProblem(404, "no_backups", "the org has no backup yet");
    }
    if (m.startsWith("no backup was made at or before")) {
      return new ApiProblem(404, "no_backup_before", m);
    }
    if (m.matches("neither backup \\d+ nor \\d+ has object .*")
        || m.matches("backup \\d+ has no object .*")) {
      return new ApiProblem(404, "object_not_found", m);
    }
    if (m.matches("backup \\d+ has no live .*")) {
      return new ApiProblem(404, "record_not_found", m);
    }
    return ApiProblem.badRequest("bad_query", m);
  }

  private static ObjectNode query(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  private static ObjectNode backup(ObjectNode q, Long backup) {
    return backup == null ? q : q.put("backup", backup);
  }

  private static ObjectNode compare(ObjectNode q, long from, long to, CompareFilterInput f) {
    q.put("from", from).put("to", to);
    array(q, "objects", f.objects());
    array(q, "kinds", f.kinds());
    array(q, "fields", f.fields());
    return q;
  }

  private static void array(ObjectNode q, String name, Set<String> values) {
    if (!values.isEmpty()) {
      var a = q.putArray(name);
      values.forEach(a::add);
    }
  }
}
