package io.orgvault.web.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.query.QuerySandboxes;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The query sandboxes of this instance: one per org store that was asked something lately, under
 * the tenant's uid, stopped after {@code orgvault.sandbox.query-idle-timeout} without a request and
 * all at shutdown. Each start releases that store's data key for that start only; the web process
 * never opens the store.
 */
@ApplicationScoped
public class StoreQuerySandboxes {
  private static final Logger LOG = Logger.getLogger(StoreQuerySandboxes.class);

  @Inject SandboxJobs jobs;
  @Inject SandboxSettings settings;

  private QuerySandboxes sandboxes;

  /**
   * The sandbox of each store asked so far: its uid (assigned once in the database, never changed)
   * and path are fixed, so a query does not read the uid again.
   */
  private final Map<String, TenantSandbox> boxes = new ConcurrentHashMap<>();

  private TenantSandbox boxOf(TenantId tenant, String sfOrgId) {
    return boxes.computeIfAbsent(tenant + "/" + sfOrgId, k -> jobs.storeSandbox(tenant, sfOrgId));
  }

  /**
   * Answers {@code query} (the sandbox protocol's, README "Query sandboxes") on the org's store:
   * the {@code query-result} or {@code query-failed} message.
   *
   * @throws QuerySandboxException when no sandbox could start or it gave no answer in time
   */
  public JsonNode ask(TenantId tenant, String sfOrgId, ObjectNode query) {
    TenantSandbox box = boxOf(tenant, sfOrgId);
    try {
      return sandboxes().ask(box, query, settings.queryTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuerySandboxException("interrupted while waiting for the query sandbox", e);
    } catch (TimeoutException e) {
      throw new QuerySandboxException(
          "the query sandbox gave no answer within " + settings.queryTimeout(), e);
    } catch (RuntimeException e) {
      // a sandbox that could not start or ended: logged here, the caller gets a plain sentence
      LOG.errorf(e, "query sandbox of tenant %s failed", tenant);
      throw new QuerySandboxException("the query sandbox is not available", e);
    }
  }

  /** Stops the query sandbox of the org's store if one runs (e.g. once a prune rewrote it). */
  public void stop(TenantId tenant, String sfOrgId) {
    QuerySandboxes s;
    synchronized (this) {
      s = sandboxes;
    }
    if (s == null) {
      return;
    }
    try {
      s.stop(boxOf(tenant, sfOrgId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stores whose query sandbox runs now. */
  public Set<Path> runningStores() {
    QuerySandboxes s;
    synchronized (this) {
      s = sandboxes;
    }
    return s == null ? Set.of() : s.runningStores();
  }

  private synchronized QuerySandboxes sandboxes() {
    if (sandboxes == null) {
      sandboxes =
          new QuerySandboxes(
              jobs.launcher(),
              settings.queryIdleTimeout(),
              jobs.launcher().config().limits().withWallClock(settings.queryMaxLifetime()),
              jobs::queryOpening);
    }
    return sandboxes;
  }

  /** Before the beans (and the launcher) go: every query sandbox ends its stdin and exits. */
  void onStop(@Observes ShutdownEvent e) {
    QuerySandboxes s;
    synchronized (this) {
      s = sandboxes;
      sandboxes = null;
    }
    if (s != null) {
      try {
        s.close();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** No query sandbox could answer: it did not start, ended, or took too long. */
  public static final class QuerySandboxException extends RuntimeException {
    QuerySandboxException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
