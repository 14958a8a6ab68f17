package io.orgvault.sandbox.launch;

/**
 * The host uids (and equal gids) reserved for tenant sandboxes: {@code count} ids from {@code
 * first}. No other account on the host may use them; each tenant owns one, so even outside the
 * namespaces one tenant's processes cannot read another's files.
 */
public record UidRange(int first, int count) {
  /** Ids below this belong to the system and to people. */
  public static final int LOWEST_FIRST = 10_000;

  public UidRange {
    if (first < LOWEST_FIRST || count < 1 || (long) first + count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a sandbox uid range starts at " + LOWEST_FIRST + " or above and holds at least one id");
    }
  }

  public boolean contains(int uid) {
    return uid >= first && uid - first < count;
  }
}
