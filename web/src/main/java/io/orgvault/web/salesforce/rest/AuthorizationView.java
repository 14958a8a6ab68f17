package io.orgvault.web.salesforce.rest;

import java.time.Instant;

/** Where to send the admin's browser, and until when the flow waits. */
public record AuthorizationView(String authorizeUrl, Instant expiresAt) {}
