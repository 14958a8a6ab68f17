package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Snapshot#recordsAfter} and {@link AscendingLookup} against the plain merge and point
 * lookup, over several blocks and backups with updates and tombstones.
 */
class OrderedReadsTest {
  @Test
  void recordsAfterAndAscendingLookupsAgreeWithTheFullMerge() throws Exception {
    Path dir = Files.createTempDirectory("orgvault-ordered");
    try (RecordStore store =
        RecordStore.create(dir.resolve("v"), Fixture.TENANT, Fixture.newKek(dir, "kek"))) {
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object("Contact", Fixture.CONTACT);
        for (int i = 0; i < 6000; i += 2) {
          w.add(Fixture.contact(i, Fixture.T0));
        }
        b.commit();
      }
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object("Contact", Fixture.CONTACT);
        for (int i = 0; i < 6000; i += 7) {
          w.add(
              i % 3 == 0
                  ? RecordVersion.tombstone("Contact", Fixture.id(i), Fixture.T0 + 5)
                  : Fixture.contact(i, Fixture.T0 + 5, "Changed" + i));
        }
        b.commit();
      }
      Snapshot s = store.snapshot(2);
      assertThat(store.manifest(1).object("Contact").orElseThrow().segments()).hasSize(1);
      List<RecordVersion> all = Fixture.drain(s.records("Contact"));
      for (int after : new int[] {-1, 0, 1, 777, 2999, 3001, 5998, 5999, 7000}) {
        String id = after < 0 ? "000000000000000000" : Fixture.id(after);
        List<RecordVersion> expected = all.stream().filter(v -> v.id().compareTo(id) > 0).toList();
        assertThat(Fixture.drain(s.recordsAfter("Contact", id)))
            .as("after " + id)
            .isEqualTo(expected);
      }

      List<Optional<RecordVersion>> viaLookup = new ArrayList<>();
      List<Optional<RecordVersion>> viaGet = new ArrayList<>();
      try (AscendingLookup l = s.ascendingLookup("Contact")) {
        for (int i = 0; i < 6100; i += 3) {
          viaLookup.add(l.live(Fixture.id(i)));
          viaGet.add(s.get("Contact", Fixture.id(i)));
        }
        assertThatThrownBy(() -> l.live(Fixture.id(3)))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(viaLookup).isEqualTo(viaGet);
      assertThat(viaLookup.stream().filter(Optional::isPresent).count()).isGreaterThan(500);
    }
  }
}
