package io.orgvault.web.sandbox.repository;

import io.orgvault.web.sandbox.TenantUid;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class TenantUidRows implements PanacheRepositoryBase<TenantUid, UUID> {}
