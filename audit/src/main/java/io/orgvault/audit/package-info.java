/** Placeholder for the audit module; its code arrives with the issues that build on [A]. */
package io.orgvault.audit;
