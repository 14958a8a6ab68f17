/**
 * The Salesforce client of the backup engine: plain Java, no framework.
 *
 * <p>{@link io.orgvault.engine.salesforce.SalesforceClient} is the entry point: it obtains sessions
 * with the OAuth refresh token grant ({@link io.orgvault.engine.salesforce.SalesforceCredentials})
 * or uses a given one ({@link io.orgvault.engine.salesforce.TokenSource#fixed}), negotiates the API
 * version, describes objects and reads replication windows over the SOAP partner API (force-wsc),
 * and extracts records over REST or Bulk API 2.0 as a stream of {@link
 * io.orgvault.engine.salesforce.SalesforceRecord}s whose values are the store's canonical types.
 * Every call goes over HTTPS with one explicit {@link javax.net.ssl.SSLContext} (see {@link
 * io.orgvault.engine.salesforce.TrustStores}) and within the run's {@link
 * io.orgvault.engine.salesforce.ApiBudget}. See {@code docs/salesforce-client.md}.
 */
package io.orgvault.engine.salesforce;
