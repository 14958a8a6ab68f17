package io.orgvault.web.tenant.service;

import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.apikey.repository.ApiKeyRepository;
import io.orgvault.web.apikey.service.ApiKeyService;
import io.orgvault.web.apikey.service.IssuedApiKey;
import io.orgvault.web.tenancy.OperatorScope;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.Tenant;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.TenantStatusChanged;
import io.orgvault.web.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The operator's life-cycle operations on tenants, and a tenant's view of itself. */
@ApplicationScoped
public class TenantService {
  /** Lower-case DNS-label shape: slugs end up in host names, paths and volume names. */
  static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])");

  static final int MAX_DISPLAY_NAME = 200;

  @Inject TenantRepository tenants;
  @Inject ApiKeyRepository keys;
  @Inject ApiKeyService keyService;
  @Inject Clock clock;
  @Inject Event<TenantStatusChanged> statusChanges;

  /** A new active tenant and its first admin key (the only time that key's text is shown). */
  @Transactional
  public CreatedTenant create(OperatorScope operator, String slug, String displayName) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw ApiProblem.badRequest(
          "invalid_slug",
          "slug must be 3 to 63 lower-case letters, digits or '-', not starting or ending in '-'");
    }
    if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
      throw ApiProblem.badRequest(
          "invalid_display_name", "displayName must be 1 to " + MAX_DISPLAY_NAME + " characters");
    }
    if (tenants.findBySlug(operator, slug).isPresent()) {
      throw ApiProblem.conflict("slug_taken", "a tenant with slug '" + slug + "' exists");
    }
    Tenant t = new Tenant();
    t.id = UUID.randomUUID();
    t.slug = slug;
    t.displayName = displayName.strip();
    t.status = TenantStatus.ACTIVE;
    t.createdAt = clock.instant();
    t.statusChangedAt = t.createdAt;
    tenants.add(operator, t);
    IssuedApiKey key = keyService.issue(new TenantId(t.id), "initial admin key");
    return new CreatedTenant(t, key);
  }

  @Transactional
  public List<Tenant> list(OperatorScope operator, Optional<TenantStatus> status) {
    return tenants.list(operator, status);
  }

  @Transactional
  public Optional<Tenant> find(OperatorScope operator, TenantId id) {
    return tenants.find(operator, id);
  }

  @Transactional
  public Optional<Tenant> own(TenantId tenant) {
    return tenants.own(tenant);
  }

  /** Suspends an active tenant: its keys stop working at once, its jobs are not scheduled. */
  @Transactional
  public Optional<Tenant> suspend(OperatorScope operator, TenantId id) {
    return change(operator, id, TenantStatus.SUSPENDED);
  }

  @Transactional
  public Optional<Tenant> reactivate(OperatorScope operator, TenantId id) {
    return change(operator, id, TenantStatus.ACTIVE);
  }

  /**
   * Deletes a tenant: the row stays (status DELETED) so its id is never reused; every key is
   * revoked. Removing its volume and Salesforce connections follows in the orchestration.
   */
  @Transactional
  public Optional<Tenant> delete(OperatorScope operator, TenantId id) {
    Optional<Tenant> t = change(operator, id, TenantStatus.DELETED);
    t.ifPresent(x -> keys.revokeAll(id, clock.instant()));
    return t;
  }

  private Optional<Tenant> change(OperatorScope operator, TenantId id, TenantStatus to) {
    return tenants
        .find(operator, id)
        .map(
            t -> {
              if (t.status == TenantStatus.DELETED && to != TenantStatus.DELETED) {
                throw ApiProblem.conflict("tenant_deleted", "tenant " + id + " is deleted");
              }
              if (t.status != to) {
                TenantStatus from = t.status;
                t.status = to;
                t.statusChangedAt = clock.instant();
                // observers run after the commit (TransactionPhase.AFTER_SUCCESS)
                statusChanges.fire(new TenantStatusChanged(id, from, to));
              }
              return t;
            });
  }

  /** A created tenant with its first key. */
  public record CreatedTenant(Tenant tenant, IssuedApiKey adminKey) {}
}
