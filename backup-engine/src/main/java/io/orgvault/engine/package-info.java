/** Placeholder for the backup-engine module; its code arrives with the issues that build on [A]. */
package io.orgvault.engine;
