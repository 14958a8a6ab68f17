package io.orgvault.web.salesforce.rest;

import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.service.OrgConnectionService.Disconnected;

/**
 * A disconnected org; whether Salesforce confirmed the token's revocation (web-server flow) or the
 * tenant's JWT signing key was erased (JWT bearer: no token exists to revoke); what to do next.
 */
public record DisconnectedView(
    OrgView org, boolean revokedAtSalesforce, boolean signingKeyErased, String note) {
  static DisconnectedView of(Disconnected d) {
    String note =
        d.org().authMethod == OrgAuthMethod.JWT_BEARER
            ? "JWT bearer issues no refresh token, so there is nothing to revoke at Salesforce;"
                + " to cut access at the source, remove the certificate from the connected app"
                + " or the user's pre-authorization"
            : d.revokedAtSalesforce()
                ? "the refresh token was revoked at Salesforce and erased here"
                : "the refresh token was erased here; Salesforce did not confirm its revocation";
    return new DisconnectedView(
        OrgView.of(d.org()), d.revokedAtSalesforce(), d.signingKeyErased(), note);
  }
}
