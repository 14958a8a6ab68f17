package io.orgvault.web.backup.rest;

import io.orgvault.web.backup.service.BackupScheduleService.Scheduled;
import java.time.Instant;

/** An org's daily backup window and when it fires next. */
public record ScheduleView(boolean enabled, String windowStart, String timeZone, Instant nextRun) {
  static ScheduleView of(Scheduled s) {
    if (s.schedule() == null) {
      return new ScheduleView(false, null, null, null);
    }
    return new ScheduleView(
        s.schedule().enabled,
        s.schedule().windowStart,
        s.schedule().timeZone,
        s.nextRun().orElse(null));
  }
}
