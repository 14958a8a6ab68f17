package io.orgvault.web.salesforce.oauth;

/** Who authorized: the org and user from the identity URL, and the user's name. */
public record SalesforceIdentity(String orgId, String userId, String username) {}
