package io.orgvault.simulator.org;

/** What a simulated day did. */
public record DayReport(
    int day,
    long updated,
    long deleted,
    long inserted,
    long undeleted,
    long newFiles,
    long purged) {}
