package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.Org;

/**
 * Parses and runs the SOQL the product needs against an org: field lists with parent relationship
 * fields, {@code WHERE} on dates, date-times, Ids, strings, numbers, booleans and {@code IsDeleted}
 * (with {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code IN}, {@code LIKE}), {@code ORDER
 * BY}, {@code LIMIT}, {@code OFFSET} and {@code COUNT()}.
 */
public final class QueryEngine {
  private final Org org;

  public QueryEngine(Org org) {
    this.org = org;
  }

  /**
   * Runs a query.
   *
   * @param includeDeleted true for {@code queryAll}: rows in the recycle bin are visible too
   * @throws SoqlException when Salesforce would refuse the query
   */
  public QueryResult execute(String soql, boolean includeDeleted) {
    throw new SoqlException("MALFORMED_QUERY", "SOQL is not implemented yet");
  }

  Org org() {
    return org;
  }
}
