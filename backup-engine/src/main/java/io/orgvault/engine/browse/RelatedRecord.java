package io.orgvault.engine.browse;

/**
 * A record related to another through one reference field.
 *
 * @param field the reference field: on the parent's child for a parent, on the child for a child
 * @param object the related record's object
 * @param id the related record's Id
 * @param inBackup whether the backup holds the related record live (a parent may be of an object
 *     the backup does not include, or deleted)
 */
public record RelatedRecord(String field, String object, String id, boolean inBackup) {}
