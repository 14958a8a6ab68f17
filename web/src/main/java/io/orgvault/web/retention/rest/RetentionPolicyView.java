package io.orgvault.web.retention.rest;

import java.time.Instant;

/** A tenant's retention policy; {@code set} false means every backup is kept. */
public record RetentionPolicyView(
    boolean set,
    Integer keepDaily,
    Integer keepMonthly,
    Integer keepLast,
    Boolean compact,
    String runAt,
    String timeZone,
    Instant nextRun) {}
