package io.orgvault.web.apikey.rest;

/** A new key's name, e.g. "nightly export script". */
public record CreateApiKeyRequest(String name) {}
