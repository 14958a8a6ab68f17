package io.orgvault.web.retention.repository;

import io.orgvault.web.retention.RetentionPolicy;
import io.orgvault.web.retention.RetentionRun;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's retention policy and runs. Every method is scoped to one tenant. */
@ApplicationScoped
public class RetentionRepository {
  @Inject RetentionPolicyRows policies;
  @Inject RetentionRunRows runs;

  public Optional<RetentionPolicy> policy(TenantId tenant) {
    return policies.findByIdOptional(tenant.value());
  }

  public void addPolicy(TenantId tenant, RetentionPolicy p) {
    if (!tenant.value().equals(p.tenantId)) {
      throw new IllegalArgumentException("policy of another tenant");
    }
    policies.persist(p);
  }

  public void addRun(TenantId tenant, RetentionRun r) {
    if (!tenant.value().equals(r.tenantId)) {
      throw new IllegalArgumentException("run of another tenant");
    }
    runs.persist(r);
  }

  public Optional<RetentionRun> run(TenantId tenant, UUID id) {
    return runs.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  public List<RetentionRun> runs(TenantId tenant, int limit) {
    return runs.find("tenantId", Sort.descending("queuedAt"), tenant.value())
        .page(Page.ofSize(limit))
        .list();
  }
}
