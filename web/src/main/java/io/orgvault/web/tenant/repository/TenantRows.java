package io.orgvault.web.tenant.repository;

import io.orgvault.web.tenant.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Panache's access to the table. Package-private on purpose: its inherited methods ({@code
 * listAll}, {@code deleteAll}, ...) are not scoped, so only {@link TenantRepository} may use it.
 */
@ApplicationScoped
class TenantRows implements PanacheRepositoryBase<Tenant, UUID> {}
