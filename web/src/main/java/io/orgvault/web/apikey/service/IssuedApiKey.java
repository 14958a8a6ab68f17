package io.orgvault.web.apikey.service;

import io.orgvault.web.apikey.ApiKey;

/** A key just created: the only moment its full text exists outside the caller's hands. */
public record IssuedApiKey(ApiKey key, String text) {
  @Override
  public String toString() {
    return "IssuedApiKey[" + key.id + "]";
  }
}
