package io.orgvault.engine.browse;

import io.orgvault.engine.store.RecordVersion;
import java.time.Instant;
import java.util.Optional;

/**
 * A record as of a date: the version live in {@code backup}, the latest backup made at or before
 * the date; empty if the record was not live in it.
 */
public record AsOfVersion(long backup, Instant backupTime, Optional<RecordVersion> version) {}
