package io.orgvault.web.apikey.repository;

import io.orgvault.web.apikey.ApiKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class ApiKeyRows implements PanacheRepositoryBase<ApiKey, UUID> {}
