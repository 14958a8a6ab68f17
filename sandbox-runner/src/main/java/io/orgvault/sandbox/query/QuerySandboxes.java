package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.ResourceLimits;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.JobRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One query sandbox per tenant, started on the tenant's first request and stopped after {@code
 * idleTimeout} without one. The web process asks here and never opens a store itself; {@code
 * opener} makes the opening request (it releases the tenant's data key) each time a sandbox starts.
 */
public final class QuerySandboxes implements AutoCloseable {
  private final SandboxLauncher launcher;
  private final Duration idleTimeout;
  private final ResourceLimits limits;
  private final Function<TenantSandbox, JobRequest> opener;
  private final Map<String, QuerySandbox> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reaper;

  public QuerySandboxes(
      SandboxLauncher launcher,
      Duration idleTimeout,
      ResourceLimits limits,
      Function<TenantSandbox, JobRequest> opener) {
    this.launcher = launcher;
    this.idleTimeout = idleTimeout;
    this.limits = limits;
    this.opener = opener;
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "query-sandbox-reaper");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(100, idleTimeout.toMillis() / 4);
    reaper.scheduleWithFixedDelay(this::stopIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /** Answers {@code query} in the tenant's query sandbox, starting it first if none runs. */
  public JsonNode ask(TenantSandbox tenant, ObjectNode query, Duration timeout)
      throws InterruptedException, TimeoutException {
    return sandboxOf(tenant).ask(query, timeout);
  }

  private QuerySandbox sandboxOf(TenantSandbox tenant) throws InterruptedException {
    synchronized (running) {
      QuerySandbox q = running.get(tenant.tenant());
      if (q != null && q.isAlive()) {
        return q;
      }
      q = QuerySandbox.start(launcher, tenant, opener.apply(tenant), limits);
      running.put(tenant.tenant(), q);
      return q;
    }
  }

  /** The host process (bubblewrap) of the tenant's running query sandbox. */
  public java.util.Optional<ProcessHandle> processOf(String tenant) {
    return java.util.Optional.ofNullable(running.get(tenant)).map(QuerySandbox::handle);
  }

  /** The tenants whose query sandbox runs now. */
  public java.util.Set<String> runningTenants() {
    return java.util.Set.copyOf(running.keySet());
  }

  private void stopIdle() {
    synchronized (running) {
      running
          .entrySet()
          .removeIf(
              e -> {
                QuerySandbox q = e.getValue();
                if (q.isAlive() && q.idle().compareTo(idleTimeout) < 0) {
                  return false;
                }
                try {
                  q.close();
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                }
                return true;
              });
    }
  }

  @Override
  public void close() throws InterruptedException {
    reaper.shutdownNow();
    synchronized (running) {
      for (QuerySandbox q : running.values()) {
        q.close();
      }
      running.clear();
    }
  }
}
