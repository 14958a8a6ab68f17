package io.orgvault.engine.restore;

/**
 * The backup's manifest does not hold describe's relationships for an object (backups written
 * before the manifest recorded them), so its dependencies are unknown.
 */
public final class DescribeNotRecordedException extends RuntimeException {
  private final String object;

  public DescribeNotRecordedException(long backup, String object) {
    super("backup " + backup + " did not record describe relationships for " + object);
    this.object = object;
  }

  public String object() {
    return object;
  }
}
