/** Placeholder for the web module; its code arrives with the issues that build on [A]. */
package io.orgvault.web;
