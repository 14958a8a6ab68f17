package io.orgvault.engine.salesforce;

/**
 * A child relationship of an object: {@code childSObject.field} points at it.
 *
 * @param relationshipName e.g. {@code Contacts}, or null for relationships without a name
 */
public record ChildRelationshipDescription(
    String childSObject, String field, String relationshipName, boolean cascadeDelete) {}
