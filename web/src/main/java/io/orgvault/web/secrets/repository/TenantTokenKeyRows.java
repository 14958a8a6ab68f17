package io.orgvault.web.secrets.repository;

import io.orgvault.web.secrets.TenantTokenKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class TenantTokenKeyRows implements PanacheRepositoryBase<TenantTokenKey, UUID> {}
