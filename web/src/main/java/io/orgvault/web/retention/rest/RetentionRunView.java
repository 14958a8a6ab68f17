package io.orgvault.web.retention.rest;

import io.orgvault.web.retention.RetentionRun;
import java.time.Instant;
import java.util.UUID;

/** One application of the policy. */
public record RetentionRunView(
    UUID id,
    String trigger,
    String state,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Integer kept,
    Integer dropped,
    Integer compactions,
    String errorCode,
    String errorMessage) {
  static RetentionRunView of(RetentionRun r) {
    return new RetentionRunView(
        r.id,
        r.triggerKind,
        r.state,
        r.queuedAt,
        r.startedAt,
        r.finishedAt,
        r.kept,
        r.dropped,
        r.compactions,
        r.errorCode,
        r.errorMessage);
  }
}
