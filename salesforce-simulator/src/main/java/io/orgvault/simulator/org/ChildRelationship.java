package io.orgvault.simulator.org;

/** A child relationship as describe lists it on the parent object. */
public record ChildRelationship(
    String childSObject, String field, String relationshipName, boolean cascadeDelete) {}
