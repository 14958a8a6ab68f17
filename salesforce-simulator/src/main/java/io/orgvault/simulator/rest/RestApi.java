package io.orgvault.simulator.rest;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import java.io.IOException;

/**
 * The Salesforce REST API ({@code /services/data}): versions, resources, limits, describe, query
 * and queryAll with cursors, updated/deleted replication, record CRUD and upsert, file bodies and
 * sObject Collections. The router has already checked the version, authenticated the caller and
 * counted the call; this class routes by path to the resource that serves it.
 */
public final class RestApi implements Handler {
  private final ApiIndex index;
  private final LimitsResource limits;
  private final DescribeResource describe;
  private final QueryResource query;
  private final ReplicationResource replication;
  private final RecordResource records;
  private final CompositeCollections collections;

  public RestApi(SimulatorContext ctx) {
    this.index = new ApiIndex(ctx);
    this.limits = new LimitsResource(ctx);
    this.describe = new DescribeResource(ctx);
    this.query = new QueryResource(ctx);
    this.replication = new ReplicationResource(ctx);
    this.records = new RecordResource(ctx);
    this.collections = new CompositeCollections(ctx);
  }

  @Override
  public void handle(Request request) throws IOException {
    ResourcePath path = ResourcePath.of(request);
    if (path.version() < 0) {
      index.versions(request);
      return;
    }
    if (path.size() == 0) {
      index.resources(request, path);
      return;
    }
    switch (path.get(0)) {
      case "limits" -> {
        requireLength(path, 1);
        limits.get(request);
      }
      case "query", "queryAll" -> query.handle(request, path);
      case "sobjects" -> sobjects(request, path);
      case "composite" -> {
        if (path.size() < 2 || !path.get(1).equals("sobjects")) {
          throw ApiException.notFound();
        }
        collections.handle(request, path);
      }
      default -> throw ApiException.notFound();
    }
  }

  private void sobjects(Request request, ResourcePath path) throws IOException {
    if (path.size() == 1) {
      describe.global(request, path);
      return;
    }
    SObjectSchema s = describe.schema(path.get(1));
    if (path.size() == 2) {
      HttpMethods.require(request, "GET", "POST");
      if (request.method().equals("POST")) {
        records.create(request, path, s);
      } else {
        describe.basicInfo(request, path, s);
      }
      return;
    }
    String third = path.get(2);
    if (path.size() == 3) {
      switch (third) {
        case "describe" -> describe.describe(request, path, s);
        case "updated" -> replication.updated(request, s);
        case "deleted" -> replication.deleted(request, s);
        default -> {
          if (SalesforceId.normalize(third) != null) {
            records.row(request, path, s, third);
          } else {
            throw new ApiException(
                404,
                "NOT_FOUND",
                "Provided external ID field does not exist or is not accessible: " + third);
          }
        }
      }
      return;
    }
    if (path.size() == 4) {
      FieldDef f = s.field(third);
      if (f != null) {
        records.byExternalId(request, path, s, f, path.get(3));
        return;
      }
      if (SalesforceId.normalize(third) != null) {
        records.blob(request, s, third, path.get(3));
        return;
      }
    }
    throw ApiException.notFound();
  }

  private static void requireLength(ResourcePath path, int n) {
    if (path.size() != n) {
      throw ApiException.notFound();
    }
  }
}
