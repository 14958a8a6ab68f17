package io.orgvault.simulator.oauth;

/**
 * A validated {@code /services/oauth2/authorize} request, kept while the user logs in and consents.
 *
 * @param scope the granted scopes, space-separated
 * @param state echoed to the callback as is; may be null
 * @param codeChallenge the PKCE S256 challenge, or null
 * @param loginHint a username to pre-fill, or null
 */
record AuthorizationRequest(
    String clientId,
    String redirectUri,
    String scope,
    String state,
    String codeChallenge,
    String loginHint) {}
