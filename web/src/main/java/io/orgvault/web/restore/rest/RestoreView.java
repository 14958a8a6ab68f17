package io.orgvault.web.restore.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.restore.RestoreState;
import java.time.Instant;
import java.util.UUID;

/** A restore as the API shows it: the request, the plan's figures, what the runs did. */
public record RestoreView(
    UUID id,
    UUID sourceOrgId,
    UUID targetOrgId,
    RestoreState state,
    JsonNode selection,
    JsonNode options,
    String restoreId,
    Long backupNumber,
    String selectionText,
    Long records,
    Long estimatedApiCalls,
    JsonNode totals,
    int runs,
    int stepsDone,
    String phase,
    String currentObject,
    long succeeded,
    long failed,
    JsonNode outcomes,
    long apiCalls,
    String stopReason,
    Long resultsRows,
    String errorCode,
    String errorMessage,
    String requestedBy,
    Instant requestedAt,
    Instant plannedAt,
    String confirmedBy,
    Instant confirmedAt,
    Instant jobStartedAt,
    Instant finishedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RestoreView of(RestoreJob r) {
    return new RestoreView(
        r.id,
        r.sourceOrgId,
        r.targetOrgId,
        r.state,
        json(r.selection),
        json(r.options),
        r.restoreId,
        r.backupNumber,
        r.selectionText,
        r.records,
        r.estimatedApiCalls,
        json(r.totals),
        r.runs,
        r.stepsDone,
        r.phase,
        r.currentObject,
        r.stepSucceeded,
        r.stepFailed,
        json(r.outcomes),
        r.apiCalls,
        r.stopReason,
        r.resultsRows,
        r.errorCode,
        r.errorMessage,
        r.requestedBy,
        r.requestedAt,
        r.plannedAt,
        r.confirmedBy,
        r.confirmedAt,
        r.stepStartedAt,
        r.finishedAt);
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a restore column holds no JSON", e);
    }
  }
}
