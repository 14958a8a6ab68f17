/**
 * Placeholder for the sandbox-runner module; its code arrives with the issues that build on [A].
 */
package io.orgvault.sandbox;
