package io.orgvault.engine.restore;

/** How many records of one object a plan undeletes, creates, updates and skips. */
public record ObjectTotals(String object, int undelete, int create, int update, int skip) {}
