package io.orgvault.web.apikey.rest;

import io.orgvault.web.apikey.service.IssuedApiKey;
import java.util.UUID;

/** A key just issued, with its full text: shown once, never stored. */
public record IssuedApiKeyView(UUID id, String name, String key) {
  public static IssuedApiKeyView of(IssuedApiKey issued) {
    return new IssuedApiKeyView(issued.key().id, issued.key().name, issued.text());
  }

  @Override
  public String toString() {
    return "IssuedApiKeyView[" + id + "]";
  }
}
