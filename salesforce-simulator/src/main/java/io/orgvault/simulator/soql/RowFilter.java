package io.orgvault.simulator.soql;

/** A compiled WHERE clause: whether a row of the queried table matches. */
@FunctionalInterface
interface RowFilter {
  RowFilter ALL = row -> true;

  boolean test(int row);
}
