package io.orgvault.engine.salesforce;

import java.util.List;

/**
 * Outcome of writing one record; results are always in input order.
 *
 * @param id the record's Id when it was saved (or, for an undelete, the Id asked about); null when
 *     a new record was not created
 * @param created whether a new record was created (an insert, or an upsert that inserted)
 * @param errors why the record was not saved; empty on success
 */
public record SaveResult(String id, boolean success, boolean created, List<SaveError> errors) {
  public SaveResult {
    errors = List.copyOf(errors);
  }
}
