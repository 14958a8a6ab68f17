package io.orgvault.web.salesforce.rest;

import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import java.time.Instant;
import java.util.UUID;

/** A connected org as the API shows it: never a token or key. */
public record OrgView(
    UUID id,
    String label,
    String loginUrl,
    String instanceUrl,
    String salesforceOrgId,
    String salesforceUsername,
    OrgAuthMethod authMethod,
    OrgStatus status,
    String statusReason,
    Instant connectedAt,
    Instant statusChangedAt) {
  static OrgView of(SalesforceOrg o) {
    return new OrgView(
        o.id,
        o.label,
        o.loginUrl,
        o.instanceUrl,
        o.sfOrgId,
        o.sfUsername,
        o.authMethod,
        o.status,
        o.statusReason,
        o.connectedAt,
        o.statusChangedAt);
  }
}
