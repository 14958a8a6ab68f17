package io.orgvault.web.retention.repository;

import io.orgvault.web.retention.RetentionRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class RetentionRunRows implements PanacheRepositoryBase<RetentionRun, UUID> {}
