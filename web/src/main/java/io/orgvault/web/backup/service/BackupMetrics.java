package io.orgvault.web.backup.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orgvault.web.backup.BackupRun;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backup figures for Prometheus ({@code /q/metrics}): runs, duration, rows, API calls and failures
 * by tenant (and object for per-object failures), and the sandboxes running now. Tags carry ids
 * only, never names a tenant typed.
 */
@Startup // the sandbox gauge is there from the start, at 0
@ApplicationScoped
public class BackupMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger running = new AtomicInteger();

  @Inject
  BackupMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("orgvault.sandboxes.running", running);
  }

  void sandboxStarted() {
    running.incrementAndGet();
  }

  void sandboxEnded() {
    running.decrementAndGet();
  }

  void objectFailed(String tenant, String object) {
    Counter.builder("orgvault.backup.object.failures")
        .description("objects a backup could not read")
        .tag("tenant", tenant)
        .tag("object", object)
        .register(registry)
        .increment();
  }

  void runEnded(BackupRun run) {
    String tenant = run.tenantId.toString();
    String state = run.state.name();
    Counter.builder("orgvault.backup.runs")
        .description("backup runs ended, by state")
        .tag("tenant", tenant)
        .tag("state", state)
        .tag("error", run.errorCode == null ? "none" : run.errorCode)
        .register(registry)
        .increment();
    if (run.startedAt != null && run.finishedAt != null) {
      Timer.builder("orgvault.backup.duration")
          .description("wall time of backup runs")
          .tag("tenant", tenant)
          .tag("state", state)
          .register(registry)
          .record(Duration.between(run.startedAt, run.finishedAt));
    }
    Counter.builder("orgvault.backup.rows")
        .description("rows written by backups")
        .tag("tenant", tenant)
        .register(registry)
        .increment(run.rowsWritten);
    Counter.builder("orgvault.backup.api.calls")
        .description("Salesforce API calls used by backups")
        .tag("tenant", tenant)
        .register(registry)
        .increment(run.apiCalls);
  }
}
