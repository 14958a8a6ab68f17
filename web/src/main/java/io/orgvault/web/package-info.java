/**
 * The platform service: tenants, their API keys and Salesforce connections, scheduling and the
 * orchestration of sandbox jobs, behind a versioned REST API. Packages by feature, each with small
 * {@code rest}, {@code service} and {@code repository} parts; {@code tenancy} holds what every
 * feature shares: who is calling and for which tenant.
 */
package io.orgvault.web;
