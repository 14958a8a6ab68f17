package io.orgvault.engine.browse;

/** An object in a backup: its live records and the number of fields its schema has. */
public record ObjectCount(String object, long records, int fields) {}
