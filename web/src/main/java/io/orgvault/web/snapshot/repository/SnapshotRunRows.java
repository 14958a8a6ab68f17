package io.orgvault.web.snapshot.repository;

import io.orgvault.web.snapshot.SnapshotRun;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class SnapshotRunRows implements PanacheRepositoryBase<SnapshotRun, UUID> {}
