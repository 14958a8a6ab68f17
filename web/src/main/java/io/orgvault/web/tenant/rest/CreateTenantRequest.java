package io.orgvault.web.tenant.rest;

/** The operator's request for a new tenant. */
public record CreateTenantRequest(String slug, String displayName) {}
