package io.orgvault.web.salesforce.rest;

/**
 * Starts a connection: a label for people, and the org's login URL (production, sandbox or My
 * Domain).
 */
public record ConnectOrgRequest(String label, String loginUrl) {}
