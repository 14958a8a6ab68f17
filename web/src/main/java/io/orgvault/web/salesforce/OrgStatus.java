package io.orgvault.web.salesforce;

/** Whether OrgVault can reach a connected org on its own. */
public enum OrgStatus {
  CONNECTED,
  /** Salesforce refused the stored token (revoked, expired, user deactivated): reconnect. */
  RECONNECT_REQUIRED,
  /** The tenant disconnected it; the token was revoked at Salesforce and erased here. */
  DISCONNECTED
}
