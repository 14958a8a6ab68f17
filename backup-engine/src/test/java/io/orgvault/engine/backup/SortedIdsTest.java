package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SortedIdsTest {
  private static List<String> randomIds(int n, long seed) {
    Random r = new Random(seed);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder("003");
      for (int j = 0; j < 15; j++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      ids.add(b.toString());
    }
    // duplicates, as a sweep may deliver an Id twice
    ids.addAll(ids.subList(0, n / 10));
    return ids;
  }

  private static List<String> drain(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static Set<Path> spillFiles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return new TreeSet<>(
          s.filter(p -> p.getFileName().toString().startsWith("orgvault-ids-")).toList());
    }
  }

  @Test
  void manyIdsComeBackSortedOnceEachThroughSpilledRunsThatAreRemoved() throws IOException {
    List<String> ids = randomIds(5_000, 1);
    Set<Path> before = spillFiles();
    try (SortedIds sorted = new SortedIds(700)) {
      ids.forEach(sorted::add);
      assertThat(sorted.spilledRuns()).isGreaterThan(5);
      assertThat(drain(sorted.sorted())).containsExactlyElementsOf(new TreeSet<>(ids));
    }
    assertThat(spillFiles()).isEqualTo(before);
  }

  @Test
  void fewIdsStayOnTheHeap() {
    try (SortedIds sorted = new SortedIds()) {
      List.of("b", "a", "c", "a").forEach(sorted::add);
      assertThat(sorted.spilledRuns()).isZero();
      assertThat(drain(sorted.sorted())).containsExactly("a", "b", "c");
    }
  }

  @Test
  void anAlteredOrShortenedSpillFileFailsTheSweepRatherThanLosingIds() throws IOException {
    for (boolean cut : new boolean[] {false, true}) {
      Set<Path> before = spillFiles();
      try (SortedIds sorted = new SortedIds(100)) {
        randomIds(1_000, 2).forEach(sorted::add);
        Set<Path> mine = spillFiles();
        mine.removeAll(before);
        Path victim = mine.iterator().next();
        byte[] bytes = Files.readAllBytes(victim);
        if (cut) {
          Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        } else {
          bytes[bytes.length / 2] ^= 1;
          Files.write(victim, bytes);
        }
        assertThatThrownBy(() -> drain(sorted.sorted()))
            .isInstanceOf(RuntimeException.class)
            .hasMessageContaining("spill file of an Id sweep");
      }
    }
  }

  @Test
  void missingIdsAreTheLiveOnesTheOrgLacks() {
    List<String> live = List.of("a", "c", "d", "f", "g");
    List<String> gone = new ArrayList<>();
    long n =
        IdSweep.missing(
            new ListStream(live),
            Stream.of("b", "c", "e", "f").map(SortedIdsTest::id).iterator(),
            gone::add);
    assertThat(gone).containsExactly(id("a"), id("d"), id("g"));
    assertThat(n).isEqualTo(3);
  }

  /** A valid 18-character Id ending in {@code tail}; Ids sort as their tails do. */
  private static String id(String tail) {
    return "003000000000000AA" + tail;
  }

  /** Live records of the given Ids, for {@link IdSweep#missing}. */
  private static final class ListStream implements io.orgvault.engine.store.RecordStream {
    private final Iterator<String> ids;

    ListStream(List<String> ids) {
      this.ids = ids.iterator();
    }

    @Override
    public boolean hasNext() {
      return ids.hasNext();
    }

    @Override
    public io.orgvault.engine.store.RecordVersion next() {
      return io.orgvault.engine.store.RecordVersion.tombstone("Contact", id(ids.next()), 0);
    }

    @Override
    public void close() {}
  }
}
