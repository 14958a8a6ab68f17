/**
 * What restoring records into Salesforce needs from a backup; for now the order in which objects
 * are inserted so that every parent exists before the records that reference it.
 */
package io.orgvault.engine.restore;
