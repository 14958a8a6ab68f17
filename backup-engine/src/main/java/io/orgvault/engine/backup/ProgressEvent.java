package io.orgvault.engine.backup;

import java.time.Instant;

/**
 * One progress report of a backup run, written as one JSON line for the sandbox protocol.
 *
 * @param type {@code run-started}, {@code object-started}, {@code object-progress}, {@code
 *     object-done}, {@code object-skipped}, {@code schema-changed}, {@code run-stopped}, {@code
 *     run-committed}
 * @param object the object concerned, or null for run events
 * @param rowsEstimated -1 when unknown
 * @param detail a short human-readable note (a skip reason, a schema change), or null
 */
public record ProgressEvent(
    String type,
    String object,
    long rowsDone,
    long rowsEstimated,
    long bytes,
    long apiCallsUsed,
    Instant timestamp,
    String detail) {}
