package io.orgvault.web.tenant.rest;

import io.orgvault.web.apikey.rest.IssuedApiKeyView;

/** A new tenant with its first admin key, whose text is shown only in this response. */
public record CreatedTenantView(TenantView tenant, IssuedApiKeyView adminApiKey) {}
