/**
 * Restoring backed-up records into Salesforce: a {@link io.orgvault.engine.restore.RestorePlan}
 * built from a selection without writing anything ({@link
 * io.orgvault.engine.restore.RestorePlanner}), sealed in the tenant's volume, then run exactly
 * ({@link io.orgvault.engine.restore.RestoreExecution}) with a journal that a killed run continues.
 * Objects are written parents first ({@link io.orgvault.engine.restore.DependencyOrder}). See
 * docs/restore.md.
 */
package io.orgvault.engine.restore;
