package io.orgvault.web.salesforce.service;

import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.salesforce.OAuthAuthorization;
import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.oauth.ConnectedAppConfig;
import io.orgvault.web.salesforce.oauth.LoginUrls;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints;
import io.orgvault.web.salesforce.oauth.OAuthRefusedException;
import io.orgvault.web.salesforce.oauth.OAuthState;
import io.orgvault.web.salesforce.oauth.Pkce;
import io.orgvault.web.salesforce.oauth.SalesforceIdentity;
import io.orgvault.web.salesforce.oauth.TokenGrant;
import io.orgvault.web.salesforce.repository.OAuthAuthorizationRepository;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.secrets.TokenVault.Purpose;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Connects a tenant's Salesforce orgs by the OAuth 2.0 web-server flow with PKCE, keeps their
 * refresh tokens sealed, and disconnects them (revoking the token at Salesforce).
 */
@ApplicationScoped
public class OrgConnectionService {
  static final int MAX_LABEL = 100;
  private static final Logger LOG = Logger.getLogger(OrgConnectionService.class);

  @Inject ConnectedAppConfig app;
  @Inject OAuthEndpoints oauth;
  @Inject OAuthAuthorizationRepository authorizations;
  @Inject SalesforceOrgRepository orgs;
  @Inject TokenVault vault;
  @Inject JwtSigningKeys signingKeys;
  @Inject Clock clock;

  /** Starts a connection: returns the Salesforce URL to send the admin's browser to. */
  @Transactional
  public StartedAuthorization begin(TenantId tenant, String label, String loginUrl) {
    if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
      throw ApiProblem.badRequest(
          "invalid_label", "label must be 1 to " + MAX_LABEL + " characters");
    }
    String login = LoginUrls.check(loginUrl, app.loginHosts());
    Instant now = clock.instant();
    authorizations.dropExpired(tenant, now);
    OAuthState state = OAuthState.generate();
    String verifier = Pkce.verifier();
    OAuthAuthorization a = new OAuthAuthorization();
    a.id = UUID.randomUUID();
    a.tenantId = tenant.value();
    a.stateHash = state.hash();
    a.sealedVerifier =
        vault.seal(
            tenant, Purpose.PKCE_VERIFIER, a.id, verifier.getBytes(StandardCharsets.US_ASCII));
    a.label = label.strip();
    a.loginUrl = login;
    a.createdAt = now;
    a.expiresAt = now.plus(app.authorizationTtl());
    authorizations.add(tenant, a);
    return new StartedAuthorization(
        oauth.authorizeUrl(login, state, Pkce.challenge(verifier)), a.expiresAt);
  }

  /**
   * Completes a flow from Salesforce's redirect. The state is single use: a replayed or unknown
   * state, an expired flow and a denial all end here without a connection.
   */
  @Transactional(dontRollbackOn = {ApiProblem.class})
  public SalesforceOrg complete(String stateText, String code, String error) {
    OAuthState state =
        OAuthState.parse(stateText)
            .orElseThrow(() -> ApiProblem.badRequest("invalid_state", "unknown or used state"));
    OAuthAuthorization a =
        authorizations
            .take(state)
            .orElseThrow(() -> ApiProblem.badRequest("invalid_state", "unknown or used state"));
    TenantId tenant = new TenantId(a.tenantId);
    if (a.expiresAt.isBefore(clock.instant())) {
      throw ApiProblem.badRequest(
          "authorization_expired", "the authorization took too long; start again");
    }
    if (error != null) {
      String code2 = error.matches("[a-z_]{1,64}") ? error : "error";
      throw ApiProblem.badRequest("authorization_denied", "Salesforce returned " + code2);
    }
    if (code == null || code.isBlank()) {
      throw ApiProblem.badRequest("missing_code", "the callback carries no code");
    }
    String verifier =
        new String(
            vault.open(tenant, Purpose.PKCE_VERIFIER, a.id, a.sealedVerifier),
            StandardCharsets.US_ASCII);
    TokenGrant grant;
    SalesforceIdentity who;
    try {
      grant = oauth.exchangeCode(a.loginUrl, code, verifier);
      who = oauth.identity(a.loginUrl, grant);
    } catch (OAuthRefusedException e) {
      throw ApiProblem.badRequest("oauth_failed", e.getMessage());
    }
    Instant now = clock.instant();
    SalesforceOrg org =
        orgs.findLive(tenant, who.orgId())
            .orElseGet(
                () -> {
                  SalesforceOrg o = new SalesforceOrg();
                  o.id = UUID.randomUUID();
                  o.tenantId = tenant.value();
                  o.connectedAt = now;
                  return o;
                });
    if (org.authMethod == OrgAuthMethod.JWT_BEARER) {
      // the token just granted is of no use: it is revoked rather than left live at Salesforce
      try {
        oauth.revoke(a.loginUrl, grant.refreshToken());
      } catch (OAuthRefusedException e) {
        LOG.warnf("revoking an unused token of tenant %s failed: %s", tenant, e.errorCode());
      }
      throw ApiProblem.conflict(
          "org_already_connected",
          "org "
              + who.orgId()
              + " is connected by JWT bearer ("
              + org.id
              + "); disconnect it first");
    }
    boolean replacing = org.sealedRefreshToken != null;
    byte[] previous = org.sealedRefreshToken;
    org.label = a.label;
    org.loginUrl = a.loginUrl;
    org.instanceUrl = grant.instanceUrl();
    org.sfOrgId = who.orgId();
    org.sfUserId = who.userId();
    org.sfUsername = who.username();
    org.sealedRefreshToken =
        vault.seal(
            tenant,
            Purpose.REFRESH_TOKEN,
            org.id,
            grant.refreshToken().getBytes(StandardCharsets.UTF_8));
    org.status = OrgStatus.CONNECTED;
    org.statusReason = null;
    org.statusChangedAt = now;
    if (!replacing) {
      orgs.add(tenant, org);
    } else {
      // Reconnecting the same org: the old token is of no further use, so it is revoked.
      revokeQuietly(tenant, org, previous);
    }
    return org;
  }

  @Transactional
  public List<SalesforceOrg> list(TenantId tenant) {
    return orgs.list(tenant);
  }

  @Transactional
  public Optional<SalesforceOrg> find(TenantId tenant, UUID id) {
    return orgs.find(tenant, id);
  }

  /**
   * Disconnects: revokes the refresh token at Salesforce and erases it here. If Salesforce cannot
   * be reached, the token is still erased (OrgVault can no longer use it) and the answer says the
   * revocation is unconfirmed. A JWT bearer org has no token to revoke: its binding to the tenant's
   * signing key is erased, and the key itself once no other live org uses it.
   */
  @Transactional
  public Optional<Disconnected> disconnect(TenantId tenant, UUID id) {
    return orgs.find(tenant, id)
        .map(
            org -> {
              if (org.authMethod == OrgAuthMethod.JWT_BEARER) {
                org.jwtConsumerKey = null;
                org.status = OrgStatus.DISCONNECTED;
                org.statusChangedAt = clock.instant();
                boolean keyErased = orgs.countLiveJwt(tenant) == 0 && signingKeys.erase(tenant);
                org.statusReason =
                    "disconnected; JWT bearer has no refresh token to revoke: the org's binding"
                        + (keyErased
                            ? " and the tenant's signing key are erased"
                            : " is erased (the signing key stays for the tenant's other orgs)");
                return new Disconnected(org, false, keyErased);
              }
              boolean revoked = false;
              if (org.sealedRefreshToken != null) {
                revoked = revokeQuietly(tenant, org, org.sealedRefreshToken);
              }
              org.sealedRefreshToken = null;
              org.status = OrgStatus.DISCONNECTED;
              org.statusReason =
                  revoked
                      ? "disconnected; token revoked at Salesforce"
                      : "disconnected; Salesforce did not confirm the revocation";
              org.statusChangedAt = clock.instant();
              return new Disconnected(org, revoked, false);
            });
  }

  private boolean revokeQuietly(TenantId tenant, SalesforceOrg org, byte[] sealed) {
    String token =
        new String(
            vault.open(tenant, Purpose.REFRESH_TOKEN, org.id, sealed), StandardCharsets.UTF_8);
    try {
      oauth.revoke(org.loginUrl, token);
      return true;
    } catch (OAuthRefusedException e) {
      LOG.warnf(
          "revoking the token of org %s (tenant %s) failed: %s", org.id, tenant, e.errorCode());
      return false;
    }
  }

  public record StartedAuthorization(String authorizeUrl, Instant expiresAt) {}

  public record Disconnected(
      SalesforceOrg org, boolean revokedAtSalesforce, boolean signingKeyErased) {}
}
