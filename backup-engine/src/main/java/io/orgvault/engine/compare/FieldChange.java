package io.orgvault.engine.compare;

/**
 * One field whose value differs between the two versions of a record. Values are the store's
 * canonical types ({@code null} = blank); a file body is a {@link io.orgvault.engine.store.BlobRef}
 * and differs when its body hash does.
 */
public record FieldChange(String field, Object oldValue, Object newValue) {}
