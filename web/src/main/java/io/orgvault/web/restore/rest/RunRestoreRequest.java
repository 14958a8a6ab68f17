package io.orgvault.web.restore.rest;

/**
 * The confirmation of a run: {@code confirm} true and the plan's record count as the caller read
 * it, so a run never executes a plan other than the one that was shown.
 */
public record RunRestoreRequest(Boolean confirm, Long records) {}
