package io.orgvault.simulator.auth;

import java.time.Instant;

/**
 * An authenticated API session: who the access token belongs to and until when it is valid. The
 * token itself is not kept here so a session can be logged.
 */
public record Session(
    String userId,
    String orgId,
    String clientId,
    String scope,
    Instant issuedAt,
    Instant expiresAt) {
  @Override
  public String toString() {
    return "Session[user=" + userId + ", org=" + orgId + ", client=" + clientId + "]";
  }
}
