package io.orgvault.engine.backup;

/** An object of the org that this run did not extract, or extracted another way, and why. */
public record SkippedObject(String object, String reason) {
  public static final String NOT_QUERYABLE = "skipped: not queryable";
  public static final String DEPRECATED = "skipped: deprecated and hidden";
  public static final String NOT_IN_BULK = "not queryable in bulk, used REST";
}
