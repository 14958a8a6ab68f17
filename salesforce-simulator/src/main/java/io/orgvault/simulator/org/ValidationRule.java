package io.orgvault.simulator.org;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A validation rule of an object, as an admin defines one in Setup: when {@code errorCondition}
 * holds for the record as it would be saved, the insert or update fails with {@code
 * FIELD_CUSTOM_VALIDATION_EXCEPTION}, {@code errorMessage} and, when the rule shows its error at a
 * field, that field. Like Salesforce's, the rules run in every API (REST, composite, SOAP, Bulk),
 * after the system's own checks (required fields, references), and the first that fires fails the
 * record.
 *
 * @param errorCondition sees the record's values by field API name (as the schema spells it), in
 *     their canonical types, after defaults and derived fields are set; true means invalid, as with
 *     Salesforce's error condition formula
 * @param errorField the field the error is shown at, or null for the top of the page
 */
public record ValidationRule(
    String object,
    String name,
    Predicate<Map<String, Object>> errorCondition,
    String errorMessage,
    String errorField) {
  public ValidationRule {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(errorCondition, "errorCondition");
    Objects.requireNonNull(errorMessage, "errorMessage");
  }
}
