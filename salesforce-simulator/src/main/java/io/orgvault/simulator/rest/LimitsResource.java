package io.orgvault.simulator.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.limits.ApiLimits;
import io.orgvault.simulator.org.ObjectTable;
import java.io.IOException;
import java.util.Set;

/**
 * {@code /limits}: the org's allocations as {@code {"Name":{"Max":..,"Remaining":..}}}. API
 * requests come from the live {@link ApiLimits}; storage is estimated from the org's rows the way
 * Salesforce counts it (about 2 KB per record, file bodies against file storage); the rest are the
 * fixed allocations of an Enterprise Edition org with nothing spent.
 */
final class LimitsResource {
  private static final long DATA_STORAGE_MB = 20_480;
  private static final long FILE_STORAGE_MB = 51_200;
  private static final long BYTES_PER_RECORD = 2048;

  /** Average generated file body: the midpoint of the generator's 256 B to 48 KB. */
  private static final long BYTES_PER_FILE = 24_700;

  private static final Set<String> FILE_OBJECTS = Set.of("ContentVersion", "Attachment");

  private final SimulatorContext ctx;

  LimitsResource(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  void get(Request request) throws IOException {
    HttpMethods.require(request, "GET");
    ApiLimits api = ctx.limits();
    long dataBytes = 0;
    long fileBytes = 0;
    for (ObjectTable t : ctx.org().tables()) {
      if (FILE_OBJECTS.contains(t.schema().name())) {
        fileBytes += t.size() * BYTES_PER_FILE;
      } else {
        dataBytes += t.size() * BYTES_PER_RECORD;
      }
    }
    long dataUsedMb = dataBytes / (1024 * 1024);
    long fileUsedMb = fileBytes / (1024 * 1024);

    ObjectNode body = Responses.JSON.createObjectNode();
    put(body, "AnalyticsExternalDataSizeMB", 40_960, 40_960);
    put(body, "ConcurrentAsyncGetReportInstances", 200, 200);
    put(body, "ConcurrentSyncReportRuns", 20, 20);
    put(body, "DailyAnalyticsDataflowJobExecutions", 60, 60);
    put(body, "DailyApiRequests", api.dailyMax(), api.remaining());
    put(body, "DailyAsyncApexExecutions", 250_000, 250_000);
    put(body, "DailyBulkApiBatches", 15_000, 15_000);
    put(body, "DailyBulkV2QueryFileStorageMB", 976_562, 976_562);
    put(body, "DailyBulkV2QueryJobs", 10_000, 10_000);
    put(body, "DailyDurableGenericStreamingApiEvents", 10_000, 10_000);
    put(body, "DailyDurableStreamingApiEvents", 10_000, 10_000);
    put(body, "DailyGenericStreamingApiEvents", 10_000, 10_000);
    put(body, "DailyStandardVolumePlatformEvents", 10_000, 10_000);
    put(body, "DailyStreamingApiEvents", 10_000, 10_000);
    put(body, "DailyWorkflowEmails", 2_000, 2_000);
    put(body, "DataStorageMB", DATA_STORAGE_MB, Math.max(0, DATA_STORAGE_MB - dataUsedMb));
    put(body, "FileStorageMB", FILE_STORAGE_MB, Math.max(0, FILE_STORAGE_MB - fileUsedMb));
    put(body, "HourlyAsyncReportRuns", 1_200, 1_200);
    put(body, "HourlyDashboardRefreshes", 200, 200);
    put(body, "HourlyDashboardResults", 5_000, 5_000);
    put(body, "HourlyDashboardStatuses", 999_999_999, 999_999_999);
    put(body, "HourlyODataCallout", 20_000, 20_000);
    put(body, "HourlyPublishedPlatformEvents", 50_000, 50_000);
    put(body, "HourlySyncReportRuns", 500, 500);
    put(body, "HourlyTimeBasedWorkflow", 1_000, 1_000);
    put(body, "MassEmail", 5_000, 5_000);
    put(body, "SingleEmail", 5_000, 5_000);
    put(body, "StreamingApiConcurrentClients", 2_000, 2_000);
    Responses.json(request.exchange(), 200, body);
  }

  private static void put(ObjectNode body, String name, long max, long remaining) {
    ObjectNode n = body.putObject(name);
    n.put("Max", max);
    n.put("Remaining", remaining);
  }
}
