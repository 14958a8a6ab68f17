package io.orgvault.simulator.org;

import java.util.Map;

/**
 * One record's part of a DML call, as {@link Org#write} and {@link Org#writeAllOrNone} take it.
 * Field names are case-insensitive; values are wire values (see {@link FieldValues}).
 *
 * @param id the record's Id as the client gave it, reported back when the operation fails
 * @param refusal why the API refused the record before it reached the org, for {@link Kind#REFUSED}
 */
public record DmlOperation(
    Kind kind,
    String object,
    String id,
    String externalIdField,
    Map<String, ?> fields,
    DmlException refusal) {

  public enum Kind {
    INSERT,
    UPDATE,
    UPSERT,
    DELETE,
    UNDELETE,
    REFUSED
  }

  public static DmlOperation insert(String object, Map<String, ?> fields) {
    return new DmlOperation(Kind.INSERT, object, null, null, fields, null);
  }

  /** An update by Id; the Id may also be given in the fields as {@code Id}. */
  public static DmlOperation update(String object, String id, Map<String, ?> fields) {
    return new DmlOperation(Kind.UPDATE, object, id, null, fields, null);
  }

  public static DmlOperation upsert(String object, String externalIdField, Map<String, ?> fields) {
    return new DmlOperation(Kind.UPSERT, object, null, externalIdField, fields, null);
  }

  public static DmlOperation delete(String id) {
    return new DmlOperation(Kind.DELETE, null, id, null, Map.of(), null);
  }

  public static DmlOperation undelete(String id) {
    return new DmlOperation(Kind.UNDELETE, null, id, null, Map.of(), null);
  }

  /**
   * A record the API could not turn into a write (an unknown type, say): it fails with this error,
   * and in an all-or-none call it fails the call like any invalid record.
   */
  public static DmlOperation refused(String id, DmlException error) {
    return new DmlOperation(Kind.REFUSED, null, id, null, Map.of(), error);
  }
}
