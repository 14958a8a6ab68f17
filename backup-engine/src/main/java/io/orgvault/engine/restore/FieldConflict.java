package io.orgvault.engine.restore;

/**
 * A field of a record that changed in the org since the backup: what the restore would write and
 * what the org holds now. Values are canonical (see {@code store.ValueKind}); null is blank.
 */
public record FieldConflict(String field, Object restoreValue, Object orgValue) {}
