package io.orgvault.web.salesforce.rest;

/** A disconnected org, and whether Salesforce confirmed the token's revocation. */
public record DisconnectedView(OrgView org, boolean revokedAtSalesforce) {}
