package io.orgvault.web.retention.rest;

/** Keep the newest backup of each of the last days and months, and the newest N; apply daily. */
public record RetentionPolicyRequest(
    Integer keepDaily,
    Integer keepMonthly,
    Integer keepLast,
    Boolean compact,
    String runAt,
    String timeZone) {}
