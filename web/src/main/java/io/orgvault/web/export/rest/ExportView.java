package io.orgvault.web.export.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.web.export.DataExport;
import java.time.Instant;
import java.util.UUID;

/** An export job as the API shows it; {@code download} once it SUCCEEDED. */
public record ExportView(
    UUID id,
    UUID orgId,
    String source,
    JsonNode request,
    String state,
    String fileName,
    Long rows,
    Long bytes,
    String sha256,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant expiresAt,
    String download) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ExportView of(DataExport e) {
    JsonNode request;
    try {
      request = JSON.readTree(e.request);
    } catch (java.io.IOException x) {
      request = null;
    }
    return new ExportView(
        e.id,
        e.orgId,
        e.source.toLowerCase(java.util.Locale.ROOT),
        request,
        e.state,
        e.fileName,
        e.rows,
        e.bytes,
        e.sha256,
        e.errorCode,
        e.errorMessage,
        e.createdAt,
        e.startedAt,
        e.finishedAt,
        e.expiresAt,
        e.state.equals("SUCCEEDED") ? ExportResource.path(e.orgId, e.id) + "/file" : null);
  }
}
