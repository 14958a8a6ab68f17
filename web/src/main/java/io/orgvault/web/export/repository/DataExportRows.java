package io.orgvault.web.export.repository;

import io.orgvault.web.export.DataExport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Panache's unscoped access to the table; package-private so only the repository uses it. */
@ApplicationScoped
class DataExportRows implements PanacheRepositoryBase<DataExport, UUID> {}
