package io.orgvault.web.restore.repository;

import io.orgvault.web.restore.RestoreJob;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class RestoreJobRows implements PanacheRepositoryBase<RestoreJob, UUID> {}
