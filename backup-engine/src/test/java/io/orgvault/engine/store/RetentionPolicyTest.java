package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which backups a policy keeps, across UTC day and month boundaries. */
class RetentionPolicyTest {
  private static List<RetentionPolicy.Candidate> backups(String... times) {
    List<RetentionPolicy.Candidate> out = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      out.add(new RetentionPolicy.Candidate(i + 1, Instant.parse(times[i])));
    }
    return out;
  }

  @Test
  void dailyKeepsTheNewestOfEachOfTheLastDaysThatHaveABackup() {
    List<RetentionPolicy.Candidate> b =
        backups(
            "2026-11-18T10:00:00Z", // 1
            "2026-11-19T23:59:59Z", // 2: last second of the 19th (UTC)
            "2026-11-20T00:00:00Z", // 3: first second of the 20th
            "2026-11-20T12:00:00Z", // 4: newest of the 20th
            // no backup on the 21st: it does not count as one of the days
            "2026-11-22T01:00:00Z", // 5
            "2026-11-22T02:00:00Z"); // 6
    RetentionPolicy.Selection s = new RetentionPolicy(3, 0, 0).select(b);
    assertThat(s.kept().keySet()).containsExactly(2L, 4L, 6L);
    assertThat(s.dropped()).containsExactly(1L, 3L, 5L);
    assertThat(s.kept().get(2L)).containsExactly("daily 2026-11-19");
    assertThat(s.kept().get(6L)).containsExactly("latest", "daily 2026-11-22");
  }

  @Test
  void monthlyKeepsTheNewestOfEachMonthAcrossTheYearBoundary() {
    List<RetentionPolicy.Candidate> b =
        backups(
            "2025-11-30T23:00:00Z", // 1
            "2025-12-01T00:00:00Z", // 2
            "2025-12-31T23:59:59Z", // 3: newest of December
            "2026-01-01T00:00:00Z", // 4
            "2026-01-15T00:00:00Z", // 5
            "2026-03-02T00:00:00Z"); // 6: February has none
    RetentionPolicy.Selection s = new RetentionPolicy(0, 3, 0).select(b);
    assertThat(s.kept().keySet()).containsExactly(3L, 5L, 6L);
    assertThat(s.kept().get(3L)).containsExactly("monthly 2025-12");
    assertThat(new RetentionPolicy(0, 12, 0).select(b).kept().keySet())
        .containsExactly(1L, 3L, 5L, 6L);
  }

  @Test
  void rulesCombineAndTheLatestIsAlwaysKept() {
    List<RetentionPolicy.Candidate> b =
        backups(
            "2026-09-10T00:00:00Z",
            "2026-10-10T00:00:00Z",
            "2026-11-20T00:00:00Z",
            "2026-11-21T00:00:00Z",
            "2026-11-21T06:00:00Z");
    assertThat(new RetentionPolicy(0, 0, 0).select(b).kept().keySet()).containsExactly(5L);
    assertThat(new RetentionPolicy(0, 0, 3).select(b).kept().keySet()).containsExactly(3L, 4L, 5L);
    RetentionPolicy.Selection s = new RetentionPolicy(2, 2, 1).select(b);
    // daily: 21st → 5, 20th → 3; monthly: November → 5, October → 2; last 1 → 5.
    assertThat(s.kept().keySet()).containsExactly(2L, 3L, 5L);
    assertThat(s.kept().get(5L))
        .containsExactly("latest", "last 1", "daily 2026-11-21", "monthly 2026-11");
    assertThat(s.dropped()).containsExactly(1L, 4L);
    assertThat(new RetentionPolicy(1, 1, 1).select(List.of()).kept()).isEmpty();
  }

  @Test
  void newestIsTheHighestBackupNumberEvenIfTheClockWentBack() {
    List<RetentionPolicy.Candidate> b =
        backups("2026-11-20T12:00:00Z", "2026-11-20T08:00:00Z", "2026-11-21T00:00:00Z");
    assertThat(new RetentionPolicy(2, 0, 0).select(b).kept().keySet()).containsExactly(2L, 3L);
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> new RetentionPolicy(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daily -1");
  }
}
