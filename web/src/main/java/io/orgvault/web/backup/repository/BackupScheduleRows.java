package io.orgvault.web.backup.repository;

import io.orgvault.web.backup.BackupSchedule;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class BackupScheduleRows implements PanacheRepositoryBase<BackupSchedule, UUID> {}
