package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.ResourceLimits;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.JobRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One query sandbox per store of a tenant ({@link TenantSandbox#volume()}: a tenant may hold one
 * store per org, all under its one uid), started on the store's first request and stopped after
 * {@code idleTimeout} without one. The web process asks here and never opens a store itself; {@code
 * opener} makes the opening request (it releases that store's data key) each time a sandbox starts.
 */
public final class QuerySandboxes implements AutoCloseable {
  private final SandboxLauncher launcher;
  private final Duration idleTimeout;
  private final ResourceLimits limits;
  private final Function<TenantSandbox, JobRequest> opener;
  private final Map<Store, QuerySandbox> running = new ConcurrentHashMap<>();
  private final Map<Store, Object> starting = new ConcurrentHashMap<>();

  /** A running sandbox's key: the tenant and the store it opened. */
  private record Store(String tenant, Path volume) {
    static Store of(TenantSandbox t) {
      return new Store(t.tenant(), t.volume());
    }
  }

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

  /** Answers {@code query} in the query sandbox of this store, starting it first if none runs. */
  public JsonNode ask(TenantSandbox tenant, ObjectNode query, Duration timeout)
      throws InterruptedException, TimeoutException {
    return sandboxOf(tenant).ask(query, timeout);
  }

  /**
   * The store's running sandbox, or a new one. A start (a JVM, the store opened: a second or more)
   * holds only that store's lock, so other stores' requests go on meanwhile and concurrent first
   * requests of one store start one sandbox.
   */
  private QuerySandbox sandboxOf(TenantSandbox tenant) throws InterruptedException {
    Store key = Store.of(tenant);
    QuerySandbox q = running.get(key);
    if (q != null && q.isAlive()) {
      return q;
    }
    synchronized (starting.computeIfAbsent(key, k -> new Object())) {
      q = running.get(key);
      if (q != null && q.isAlive()) {
        return q;
      }
      q = QuerySandbox.start(launcher, tenant, opener.apply(tenant), limits);
      running.put(key, q);
      return q;
    }
  }

  /** The host process (bubblewrap) of the running query sandbox of this store. */
  public Optional<ProcessHandle> processOf(TenantSandbox tenant) {
    return Optional.ofNullable(running.get(Store.of(tenant))).map(QuerySandbox::handle);
  }

  /** The tenants with a query sandbox running now. */
  public Set<String> runningTenants() {
    return running.keySet().stream().map(Store::tenant).collect(Collectors.toUnmodifiableSet());
  }

  /** The stores (volumes) with a query sandbox running now. */
  public Set<Path> runningStores() {
    return running.keySet().stream().map(Store::volume).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Stops the query sandbox of this store if one runs (the next request starts a new one), e.g.
   * after a prune rewrote the store under it.
   */
  public void stop(TenantSandbox tenant) throws InterruptedException {
    QuerySandbox q;
    synchronized (running) {
      q = running.remove(Store.of(tenant));
    }
    if (q != null) {
      q.close();
    }
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
