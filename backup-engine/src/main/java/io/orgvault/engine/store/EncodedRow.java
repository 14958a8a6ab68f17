package io.orgvault.engine.store;

/** A row already encoded by {@link RowCodec}, with what sorting and the footer need to know. */
record EncodedRow(String id, long systemModstamp, boolean tombstone, byte[] bytes) {}
