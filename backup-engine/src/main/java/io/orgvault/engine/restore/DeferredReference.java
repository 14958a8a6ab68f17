package io.orgvault.engine.restore;

import java.util.List;

/**
 * A reference field a restore cannot set when it inserts the record, because the record it points
 * at may not exist yet: it is inserted blank and set by an update in a second pass, once every
 * record of the order has its new Id.
 *
 * @param referenceTo the field's target objects
 * @param nillable whether the field may be left blank on insert; when false the second pass is not
 *     possible (a required reference in a cycle) and a restore must report the records it cannot
 *     insert
 */
public record DeferredReference(
    String object, String field, List<String> referenceTo, Reason reason, boolean nillable) {

  public DeferredReference {
    referenceTo = List.copyOf(referenceTo);
  }

  /** Why the reference waits for the second pass. */
  public enum Reason {
    /** The field points at its own object (e.g. {@code Account.ParentId}). */
    SELF_REFERENCE,
    /** The field closes a cycle between different objects. */
    CYCLE
  }
}
