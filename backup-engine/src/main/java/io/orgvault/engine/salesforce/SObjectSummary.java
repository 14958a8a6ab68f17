package io.orgvault.engine.salesforce;

/** One object of the org as {@code describeGlobal} lists it. */
public record SObjectSummary(
    String name,
    String label,
    String keyPrefix,
    boolean custom,
    boolean queryable,
    boolean replicateable,
    boolean retrieveable,
    boolean createable,
    boolean updateable,
    boolean deletable,
    boolean undeletable,
    boolean deprecatedAndHidden) {}
