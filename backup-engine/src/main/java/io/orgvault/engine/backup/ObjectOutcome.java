package io.orgvault.engine.backup;

/**
 * What a run did for one object.
 *
 * @param full true for a full extraction (first run or new object), false for an incremental one
 * @param method REST or BULK
 * @param rowsRead records Salesforce delivered (live and in the recycle bin)
 * @param rowsWritten upserts stored (unchanged rows from the overlap window are not)
 * @param tombstones deletions stored
 * @param blobs file bodies stored (deduplicated by the store)
 * @param failure why the extraction of this object failed part-way (it is read again next run), or
 *     null
 */
public record ObjectOutcome(
    String object,
    boolean full,
    String method,
    long rowsRead,
    long rowsWritten,
    long tombstones,
    long blobs,
    long blobBytes,
    SchemaChange schemaChange,
    String failure) {}
