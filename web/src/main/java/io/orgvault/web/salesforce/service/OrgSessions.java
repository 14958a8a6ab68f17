package io.orgvault.web.salesforce.service;

import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.oauth.JwtAssertion;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints.AccessGrant;
import io.orgvault.web.salesforce.oauth.OAuthRefusedException;
import io.orgvault.web.salesforce.oauth.TokenGrant;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.secrets.TokenVault.Purpose;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Fresh Salesforce sessions for connected orgs, by the way each was connected: the refresh-token
 * grant from the sealed refresh token, or a JWT bearer assertion signed with the tenant's key.
 */
@ApplicationScoped
public class OrgSessions {
  /**
   * Salesforce's answers that mean the org's credential no longer works (revoked token, certificate
   * gone from the connected app, user no longer pre-authorized or inactive): retrying cannot help.
   */
  static final Set<String> CREDENTIAL_REFUSED =
      Set.of(
          "invalid_grant",
          "invalid_client_id",
          "invalid_app_access",
          "inactive_user",
          "no_signing_key");

  @Inject TokenVault vault;
  @Inject JwtSigningKeys signingKeys;
  @Inject OAuthEndpoints oauth;
  @Inject Clock clock;
  @Inject SalesforceOrgRepository orgs;

  /** How to take a session for an org; read in a transaction, used outside it. */
  public sealed interface Credential permits RefreshToken, JwtBearer {
    String loginUrl();
  }

  /** Never printed: {@link #toString()} hides the token. */
  record RefreshToken(String loginUrl, String token) implements Credential {
    @Override
    public String toString() {
      return "RefreshToken[" + loginUrl + "]";
    }
  }

  record JwtBearer(String loginUrl, String consumerKey, String username) implements Credential {}

  /** The credential of a connected org; empty when nothing can reach it any more. */
  public Optional<Credential> credential(TenantId tenant, SalesforceOrg org) {
    if (org.status != OrgStatus.CONNECTED) {
      return Optional.empty();
    }
    if (org.authMethod == OrgAuthMethod.JWT_BEARER) {
      return org.jwtConsumerKey == null
          ? Optional.empty()
          : Optional.of(new JwtBearer(org.loginUrl, org.jwtConsumerKey, org.sfUsername));
    }
    if (org.sealedRefreshToken == null) {
      return Optional.empty();
    }
    byte[] token = vault.open(tenant, Purpose.REFRESH_TOKEN, org.id, org.sealedRefreshToken);
    return Optional.of(new RefreshToken(org.loginUrl, new String(token, StandardCharsets.UTF_8)));
  }

  /**
   * A fresh session. An {@link OAuthRefusedException} for which {@link #credentialRefused} holds
   * means the org must be reconnected.
   */
  public AccessGrant session(TenantId tenant, Credential credential) {
    if (credential instanceof RefreshToken r) {
      return oauth.refresh(r.loginUrl(), r.token());
    }
    JwtBearer j = (JwtBearer) credential;
    TokenGrant g = jwtGrant(tenant, j.loginUrl(), j.consumerKey(), j.username());
    return new AccessGrant(g.accessToken(), g.instanceUrl());
  }

  /** The JWT bearer grant for a username under the tenant's connected app and key. */
  TokenGrant jwtGrant(TenantId tenant, String loginUrl, String consumerKey, String username) {
    PrivateKey key =
        signingKeys
            .privateKey(tenant)
            .orElseThrow(
                () ->
                    new OAuthRefusedException(
                        "no_signing_key", "the tenant has no JWT signing key (it was erased)"));
    String assertion =
        JwtAssertion.sign(
            key, consumerKey, username, JwtAssertion.audience(loginUrl), clock.instant());
    return oauth.jwtBearer(loginUrl, assertion);
  }

  public static boolean credentialRefused(OAuthRefusedException e) {
    return CREDENTIAL_REFUSED.contains(e.errorCode());
  }

  /**
   * Records, in a transaction of its own, that Salesforce refused the org's credential: nothing
   * runs for it again until someone reconnects it.
   */
  public void markReconnectRequired(TenantId tenant, UUID orgId, OAuthRefusedException e) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                orgs.find(tenant, orgId)
                    .ifPresent(
                        o -> {
                          o.status = OrgStatus.RECONNECT_REQUIRED;
                          o.statusReason =
                              "Salesforce refused the org's credential ("
                                  + e.errorCode()
                                  + "): a revoked or expired token, or for JWT bearer a"
                                  + " certificate or user the connected app no longer"
                                  + " accepts; reconnect the org";
                          o.statusChangedAt = clock.instant();
                        }));
  }
}
