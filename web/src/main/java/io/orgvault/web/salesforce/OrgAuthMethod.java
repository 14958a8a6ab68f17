package io.orgvault.web.salesforce;

/** How the platform takes a Salesforce session for an org. */
public enum OrgAuthMethod {
  /** The OAuth 2.0 web-server flow with PKCE: a sealed refresh token. */
  WEB_SERVER,
  /** The JWT bearer grant: an assertion signed with the tenant's key; nothing long-lived stored. */
  JWT_BEARER
}
