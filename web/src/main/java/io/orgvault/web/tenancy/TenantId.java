package io.orgvault.web.tenancy;

import java.util.Objects;
import java.util.UUID;

/**
 * The tenant a request acts for. Every repository method that reads or writes tenant data takes
 * one, so no query can run without naming the tenant it is scoped to.
 */
public record TenantId(UUID value) {
  public TenantId {
    Objects.requireNonNull(value, "tenant id");
  }

  public static TenantId of(String text) {
    return new TenantId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
