package io.orgvault.web.backup.service;

import io.orgvault.web.backup.BackupSchedule;
import io.orgvault.web.backup.repository.BackupScheduleRepository;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.platform.DailyTime;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** A tenant's choice of when each org is backed up daily. */
@ApplicationScoped
public class BackupScheduleService {
  @Inject BackupScheduleRepository schedules;
  @Inject SalesforceOrgRepository orgs;
  @Inject BackupScheduler scheduler;
  @Inject Clock clock;

  @Transactional
  public Optional<Scheduled> get(TenantId tenant, UUID orgId) {
    if (orgs.find(tenant, orgId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        schedules
            .find(tenant, orgId)
            .map(s -> new Scheduled(s, s.enabled ? scheduler.nextDaily(orgId) : Optional.empty()))
            .orElseGet(() -> new Scheduled(null, Optional.empty())));
  }

  /** Sets the daily window; empty if the tenant has no such org. */
  @Transactional
  public Optional<Scheduled> set(
      TenantId tenant, UUID orgId, boolean enabled, String windowStart, String timeZone) {
    if (orgs.find(tenant, orgId).isEmpty()) {
      return Optional.empty();
    }
    DailyTime daily = DailyTime.parse(windowStart, timeZone, "windowStart");
    ZoneId zone = daily.zone();
    Optional<BackupSchedule> existing = schedules.find(tenant, orgId);
    BackupSchedule s = existing.orElseGet(BackupSchedule::new);
    s.orgId = orgId;
    s.tenantId = tenant.value();
    s.enabled = enabled;
    s.windowStart = windowStart;
    s.timeZone = zone.getId();
    s.updatedAt = clock.instant();
    if (existing.isEmpty()) {
      schedules.add(tenant, s);
    }
    Optional<Instant> next = Optional.empty();
    if (enabled) {
      next = scheduler.scheduleDaily(tenant, orgId, daily.at(), zone);
    } else {
      scheduler.unscheduleDaily(orgId);
    }
    return Optional.of(new Scheduled(s, next));
  }

  /** A schedule (null if never set) and the next time it fires. */
  public record Scheduled(BackupSchedule schedule, Optional<Instant> nextRun) {}
}
