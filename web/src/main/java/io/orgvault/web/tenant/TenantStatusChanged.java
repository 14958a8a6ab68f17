package io.orgvault.web.tenant;

import io.orgvault.web.tenancy.TenantId;

/** Fired after a tenant's status changed and the change committed; features react to it. */
public record TenantStatusChanged(TenantId tenant, TenantStatus from, TenantStatus to) {}
