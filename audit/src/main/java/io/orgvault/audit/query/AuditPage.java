package io.orgvault.audit.query;

import io.orgvault.audit.event.ChainedEvent;
import java.util.List;
import java.util.Optional;

/** One page of the viewer, newest first; the cursor of the next page if there is one. */
public record AuditPage(List<ChainedEvent> events, Optional<Long> nextCursor) {}
