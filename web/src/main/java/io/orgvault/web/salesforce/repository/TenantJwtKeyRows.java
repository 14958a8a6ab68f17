package io.orgvault.web.salesforce.repository;

import io.orgvault.web.salesforce.TenantJwtKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class TenantJwtKeyRows implements PanacheRepositoryBase<TenantJwtKey, UUID> {}
