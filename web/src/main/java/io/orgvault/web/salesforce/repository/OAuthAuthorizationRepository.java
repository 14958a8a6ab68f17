package io.orgvault.web.salesforce.repository;

import io.orgvault.web.salesforce.OAuthAuthorization;
import io.orgvault.web.salesforce.oauth.OAuthState;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/** Authorizations in progress. */
@ApplicationScoped
public class OAuthAuthorizationRepository {
  @Inject OAuthAuthorizationRows rows;

  public void add(TenantId tenant, OAuthAuthorization a) {
    if (!tenant.value().equals(a.tenantId)) {
      throw new IllegalArgumentException("authorization of another tenant");
    }
    rows.persist(a);
  }

  /**
   * Takes the authorization a callback's state names, deleting it so it completes at most once. Not
   * scoped to a tenant: the callback comes from the browser and the state is what tells the tenant,
   * so possession of the state is the scope.
   */
  public Optional<OAuthAuthorization> take(OAuthState state) {
    Optional<OAuthAuthorization> a = rows.find("stateHash", state.hash()).firstResultOptional();
    a.ifPresent(rows::delete);
    return a;
  }

  /** Drops the tenant's expired authorizations (flows the user abandoned). */
  public long dropExpired(TenantId tenant, Instant now) {
    return rows.delete("tenantId = ?1 and expiresAt < ?2", tenant.value(), now);
  }
}
