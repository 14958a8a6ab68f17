package io.orgvault.web.salesforce.service;

import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.oauth.ConnectedAppConfig;
import io.orgvault.web.salesforce.oauth.JwtAssertion;
import io.orgvault.web.salesforce.oauth.LoginUrls;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints;
import io.orgvault.web.salesforce.oauth.OAuthRefusedException;
import io.orgvault.web.salesforce.oauth.SalesforceIdentity;
import io.orgvault.web.salesforce.oauth.TokenGrant;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Connects an org by the JWT bearer grant (server-to-server, no browser): the tenant's Salesforce
 * admin made a connected app in the org with the tenant's certificate and pre-authorized an
 * integration user; OrgVault signs an assertion for that user, takes a session and reads the
 * identity URL to learn the org. Nothing long-lived is stored: every later session is a new
 * assertion signed with the tenant's sealed key.
 */
@ApplicationScoped
public class JwtConnections {
  static final int MAX_USERNAME = 80;
  static final int MAX_CONSUMER_KEY = 255;
  private static final Pattern USERNAME = Pattern.compile("[^\\s@]+@[^\\s@]+");
  private static final Pattern CONSUMER_KEY = Pattern.compile("[A-Za-z0-9._-]+");

  @Inject ConnectedAppConfig app;
  @Inject OAuthEndpoints oauth;
  @Inject OrgSessions sessions;
  @Inject JwtSigningKeys signingKeys;
  @Inject SalesforceOrgRepository orgs;
  @Inject Clock clock;

  @Transactional(dontRollbackOn = {ApiProblem.class})
  public SalesforceOrg connect(
      TenantId tenant, String label, String loginUrl, String username, String consumerKey) {
    if (label == null || label.isBlank() || label.length() > OrgConnectionService.MAX_LABEL) {
      throw ApiProblem.badRequest(
          "invalid_label", "label must be 1 to " + OrgConnectionService.MAX_LABEL + " characters");
    }
    String login = LoginUrls.check(loginUrl, app.loginHosts());
    if (username == null
        || username.length() > MAX_USERNAME
        || !USERNAME.matcher(username.strip()).matches()) {
      throw ApiProblem.badRequest(
          "invalid_username", "username must be the integration user's Salesforce username");
    }
    if (consumerKey == null
        || consumerKey.length() > MAX_CONSUMER_KEY
        || !CONSUMER_KEY.matcher(consumerKey.strip()).matches()) {
      throw ApiProblem.badRequest(
          "invalid_consumer_key", "consumerKey must be the connected app's consumer key");
    }
    String user = username.strip();
    String key = consumerKey.strip();
    if (signingKeys.certificate(tenant).isEmpty()) {
      throw ApiProblem.conflict(
          "no_jwt_certificate",
          "the tenant has no JWT certificate: create one (POST /api/v1/tenant/jwt-certificate)"
              + " and upload it to the connected app first");
    }
    TokenGrant grant;
    SalesforceIdentity who;
    try {
      grant = sessions.jwtGrant(tenant, login, key, user);
      who = oauth.identity(identityHost(login, grant), grant);
    } catch (OAuthRefusedException e) {
      throw ApiProblem.badRequest("jwt_bearer_refused", e.getMessage() + hint(e.errorCode()));
    }
    if (!who.username().equalsIgnoreCase(user)) {
      throw ApiProblem.badRequest(
          "jwt_bearer_refused", "Salesforce granted a session for another user than " + user);
    }
    Instant now = clock.instant();
    SalesforceOrg org = orgs.findLive(tenant, who.orgId()).orElse(null);
    boolean adding = org == null;
    if (adding) {
      org = new SalesforceOrg();
      org.id = UUID.randomUUID();
      org.tenantId = tenant.value();
      org.connectedAt = now;
    } else if (org.authMethod != OrgAuthMethod.JWT_BEARER) {
      throw ApiProblem.conflict(
          "org_already_connected",
          "org "
              + who.orgId()
              + " is connected by the web-server flow ("
              + org.id
              + "); disconnect it first");
    }
    org.authMethod = OrgAuthMethod.JWT_BEARER;
    org.jwtConsumerKey = key;
    org.sealedRefreshToken = null;
    org.label = label.strip();
    org.loginUrl = login;
    org.instanceUrl = grant.instanceUrl();
    org.sfOrgId = who.orgId();
    org.sfUserId = who.userId();
    org.sfUsername = who.username();
    org.status = OrgStatus.CONNECTED;
    org.statusReason = null;
    org.statusChangedAt = now;
    if (adding) {
      orgs.add(tenant, org);
    }
    return org;
  }

  /**
   * The identity URL of a JWT grant is on the authorization server the assertion named, which for a
   * My Domain login URL is login.salesforce.com or test.salesforce.com rather than the login host.
   */
  private static String identityHost(String login, TokenGrant grant) {
    String audience = JwtAssertion.audience(login);
    String idHost = URI.create(grant.identityUrl()).getHost();
    return idHost != null && idHost.equalsIgnoreCase(URI.create(audience).getHost())
        ? audience
        : login;
  }

  private static String hint(String code) {
    return switch (code) {
      case "invalid_client_id" -> ": is consumerKey the key of a connected app of this org?";
      case "invalid_grant" ->
          ": check that the tenant's certificate is uploaded to the connected app, that the"
              + " username exists in this org and is pre-authorized for the app (admin-approved"
              + " users), and that the loginUrl is the org's";
      case "invalid_app_access" -> ": the user is not admin-approved for the connected app";
      case "inactive_user" -> ": the user is inactive";
      default -> "";
    };
  }
}
