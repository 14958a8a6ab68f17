package io.orgvault.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.browse.HistoryVersion;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.PruneReport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RetentionPolicy;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Retention and compaction must not change what compare and history read between kept backups: five
 * backups of simulated days, then "keep the last 3" with compaction (backups 1 and 2 dropped, the
 * small segments of (0, 3] merged).
 */
class CompareAfterPruneTest {
  @Test
  void compareBetweenKeptBackupsIsUnchangedAndHistoryFollowsTheMerge() throws Exception {
    try (SimBackups fx = new SimBackups(200)) {
      Org org = fx.sim.org();
      String id = org.table("Contact").id(4);
      for (int day = 0; day < 5; day++) {
        if (day > 0) {
          org.clock().advance(Duration.ofHours(1));
          fx.sim.simulateDay(DayRates.typical());
          assertThat(
                  org.update(
                          "Contact", id, Map.of("LastName", "Day" + day), org.integrationUserId())
                      .success())
              .isTrue();
        }
        fx.backup();
      }
      List<String> before34;
      List<String> before35;
      List<HistoryVersion> historyBefore;
      try (RecordStore store = fx.openStore()) {
        before34 = describe(Comparison.between(store, 3, 4));
        before35 = describe(Comparison.between(store, 3, 5));
        historyBefore = new RecordHistory(store).versions("Contact", id);
      }
      assertThat(historyBefore).hasSize(5);
      assertThat(before35).isNotEmpty();

      try (RecordStore store = fx.openStore()) {
        PruneReport r = store.prune(new PruneOptions(new RetentionPolicy(0, 0, 3), true, false));
        assertThat(r.toString()).isNotEmpty();
        assertThat(store.backups()).containsExactly(3L, 4L, 5L);
        assertThat(store.verify().ok()).isTrue();
        assertThat(describe(Comparison.between(store, 3, 4))).isEqualTo(before34);
        assertThat(describe(Comparison.between(store, 3, 5))).isEqualTo(before35);
        assertThatThrownBy(() -> Comparison.between(store, 1, 5))
            .hasMessageContaining("no backup 1");

        List<HistoryVersion> after = new RecordHistory(store).versions("Contact", id);
        // Backups 1-3 were merged into one version attributed to backup 3; 4 and 5 are as before.
        assertThat(after).extracting(HistoryVersion::backup).containsExactly(3L, 4L, 5L);
        assertThat(after.get(0).version()).isEqualTo(historyBefore.get(2).version());
        assertThat(after.get(0).backupTime()).isEqualTo(historyBefore.get(2).backupTime());
        assertThat(after.get(2).version()).isEqualTo(historyBefore.get(4).version());
        assertThat(after.get(2).version().fields().get("LastName")).isEqualTo("Day4");
        assertThat(historyBefore.get(0).backupTime()).isPresent();
        assertThat(Optional.of(after.get(1).kind().name())).contains("CHANGED");
      }
    }
  }

  private static List<String> describe(Comparison c) {
    List<String> out = new ArrayList<>();
    try (ChangeStream s = c.stream(CompareFilter.ALL)) {
      s.forEachRemaining(
          ch -> out.add(ch.object() + " " + ch.id() + " " + ch.kind() + " " + ch.fields()));
    }
    return out;
  }
}
