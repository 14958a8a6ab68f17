package io.orgvault.web.audit.rest;

import java.util.List;

/** A page, newest first; {@code next} is the cursor of the following page (null: the last). */
public record AuditPageView(List<AuditEventView> events, Long next) {}
