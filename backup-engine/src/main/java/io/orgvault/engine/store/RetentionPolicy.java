package io.orgvault.engine.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which backups to keep: the newest backup of each of the last {@code keepDaily} calendar days
 * (UTC) that have a backup, the newest of each of the last {@code keepMonthly} months that have
 * one, and the {@code keepLast} newest backups. The latest backup is always kept. "Newest" is the
 * highest backup number; the day and month come from the manifest's creation time.
 */
public record RetentionPolicy(int keepDaily, int keepMonthly, int keepLast) {
  public RetentionPolicy {
    if (keepDaily < 0 || keepMonthly < 0 || keepLast < 0) {
      throw new IllegalArgumentException(
          "keep counts must not be negative: daily "
              + keepDaily
              + ", monthly "
              + keepMonthly
              + ", last "
              + keepLast);
    }
  }

  /** A committed backup as retention sees it. */
  public record Candidate(long backupNumber, Instant createdAt) {}

  /**
   * What the policy keeps.
   *
   * @param kept backup number to the reasons it is kept (e.g. {@code daily 2026-11-20}), ascending
   * @param dropped backup numbers not kept, ascending
   */
  public record Selection(Map<Long, List<String>> kept, List<Long> dropped) {
    public Selection {
      kept = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kept));
      dropped = List.copyOf(dropped);
    }
  }

  public Selection select(List<Candidate> backups) {
    List<Candidate> newestFirst = new ArrayList<>(backups);
    newestFirst.sort(Comparator.comparingLong(Candidate::backupNumber).reversed());
    Map<Long, List<String>> reasons = new java.util.TreeMap<>();
    if (newestFirst.isEmpty()) {
      return new Selection(reasons, List.of());
    }
    keep(reasons, newestFirst.get(0), "latest");
    for (int i = 0; i < Math.min(keepLast, newestFirst.size()); i++) {
      keep(reasons, newestFirst.get(i), "last " + (i + 1));
    }
    Set<LocalDate> days = new HashSet<>();
    Set<YearMonth> months = new HashSet<>();
    for (Candidate c : newestFirst) {
      LocalDate day = LocalDate.ofInstant(c.createdAt(), ZoneOffset.UTC);
      // Newest first, so the first backup seen of a day (or month) is that day's newest.
      if (days.size() < keepDaily && days.add(day)) {
        keep(reasons, c, "daily " + day);
      }
      YearMonth month = YearMonth.from(day);
      if (months.size() < keepMonthly && months.add(month)) {
        keep(reasons, c, "monthly " + month);
      }
    }
    List<Long> dropped = new ArrayList<>();
    for (Candidate c : backups) {
      if (!reasons.containsKey(c.backupNumber())) {
        dropped.add(c.backupNumber());
      }
    }
    dropped.sort(null);
    return new Selection(reasons, dropped);
  }

  private static void keep(Map<Long, List<String>> reasons, Candidate c, String why) {
    reasons.computeIfAbsent(c.backupNumber(), k -> new ArrayList<>()).add(why);
  }
}
