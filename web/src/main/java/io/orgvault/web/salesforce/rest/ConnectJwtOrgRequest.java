package io.orgvault.web.salesforce.rest;

/**
 * Connects an org by the JWT bearer grant: a label, the org's login URL, the pre-authorized
 * integration user's username, and the consumer key of the connected app holding the tenant's
 * certificate.
 */
public record ConnectJwtOrgRequest(
    String label, String loginUrl, String username, String consumerKey) {}
