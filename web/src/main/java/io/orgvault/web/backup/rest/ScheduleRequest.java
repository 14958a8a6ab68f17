package io.orgvault.web.backup.rest;

/** Daily backups at {@code windowStart} (HH:mm) in {@code timeZone} (IANA), or off. */
public record ScheduleRequest(Boolean enabled, String windowStart, String timeZone) {}
