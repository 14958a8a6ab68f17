package io.orgvault.web.apikey.auth;

import io.orgvault.web.apikey.ApiKeyToken;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer API key taken from a request, on its way to {@link ApiKeyIdentityProvider}. */
public final class ApiKeyCredential extends BaseAuthenticationRequest {
  private final ApiKeyToken token;

  ApiKeyCredential(ApiKeyToken token) {
    this.token = token;
  }

  ApiKeyToken token() {
    return token;
  }
}
