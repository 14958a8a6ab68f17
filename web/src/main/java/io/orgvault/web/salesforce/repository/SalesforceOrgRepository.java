package io.orgvault.web.salesforce.repository;

import io.orgvault.web.salesforce.OrgAuthMethod;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's connected orgs. Every method is scoped to one tenant. */
@ApplicationScoped
public class SalesforceOrgRepository {
  @Inject SalesforceOrgRows rows;

  public List<SalesforceOrg> list(TenantId tenant) {
    return rows.list("tenantId", Sort.by("label").and("connectedAt"), tenant.value());
  }

  public Optional<SalesforceOrg> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  /** The tenant's live (not disconnected) connection to a Salesforce org, if any. */
  public Optional<SalesforceOrg> findLive(TenantId tenant, String sfOrgId) {
    return rows.find(
            "tenantId = ?1 and sfOrgId = ?2 and status <> ?3",
            tenant.value(),
            sfOrgId,
            OrgStatus.DISCONNECTED)
        .firstResultOptional();
  }

  /** How many of the tenant's live orgs take their sessions by the JWT bearer grant. */
  public long countLiveJwt(TenantId tenant) {
    return rows.count(
        "tenantId = ?1 and authMethod = ?2 and status <> ?3",
        tenant.value(),
        OrgAuthMethod.JWT_BEARER,
        OrgStatus.DISCONNECTED);
  }

  public void add(TenantId tenant, SalesforceOrg org) {
    if (!tenant.value().equals(org.tenantId)) {
      throw new IllegalArgumentException("org of another tenant");
    }
    rows.persist(org);
  }
}
