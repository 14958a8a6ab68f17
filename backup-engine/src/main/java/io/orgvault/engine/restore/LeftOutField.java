package io.orgvault.engine.restore;

/**
 * A field of the backed-up record that the restore does not send, and why (e.g. "not createable",
 * "formula", "parent not in org and not restored").
 */
public record LeftOutField(String field, String reason) {}
