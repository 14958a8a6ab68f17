package io.orgvault.engine.salesforce;

import java.util.List;

/**
 * One Salesforce error on a record, e.g. {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}.
 *
 * @param fields the fields the error concerns; empty when it concerns the record as a whole
 */
public record SaveError(String statusCode, String message, List<String> fields) {
  public SaveError {
    fields = List.copyOf(fields);
  }
}
