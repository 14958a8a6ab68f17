package io.orgvault.sandbox.launch;

import io.orgvault.sandbox.egress.HostPort;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tenant as its sandboxes see the host: the tenant id, its own host uid (and gid, equal), the
 * volume that holds its store (the only writable host directory inside), and the hosts its jobs may
 * reach through the egress proxy.
 */
public record TenantSandbox(String tenant, int uid, Path volume, Set<HostPort> egressAllowlist) {
  /** Tenant ids name directories, cgroups and sockets: a strict alphabet keeps paths plain. */
  static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public TenantSandbox {
    if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
      throw new IllegalArgumentException("a tenant id is 1-63 of a-z, 0-9 and '-'");
    }
    if (!volume.isAbsolute()) {
      throw new IllegalArgumentException("the volume must be an absolute path");
    }
    egressAllowlist = Set.copyOf(egressAllowlist);
  }
}
