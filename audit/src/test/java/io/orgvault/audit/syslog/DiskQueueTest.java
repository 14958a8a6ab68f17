package io.orgvault.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {
  @TempDir Path dir;

  static byte[] rec(int i) {
    return ("record-" + i + "-" + "x".repeat(i % 17)).getBytes(StandardCharsets.UTF_8);
  }

  static List<String> drain(DiskQueue q, QueuePosition from) throws Exception {
    List<String> out = new ArrayList<>();
    QueuePosition p = from;
    while (true) {
      DiskQueue.Batch b = q.read(p, 7, 0);
      if (b.records().isEmpty()) {
        return out;
      }
      b.records().forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
      p = b.next();
    }
  }

  static long segmentFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".seg")).count();
    }
  }

  @Test
  void recordsSurviveReopeningInOrderAcrossSegments() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 200, FsyncPolicy.EVERY_RECORD)) {
      for (int i = 0; i < 50; i++) {
        assertThat(q.offer(rec(i))).isTrue();
      }
    }
    assertThat(segmentFiles(dir)).isGreaterThan(5);
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 200, FsyncPolicy.EVERY_RECORD)) {
      List<String> all = drain(q, q.acked());
      assertThat(all).hasSize(50);
      for (int i = 0; i < 50; i++) {
        assertThat(all.get(i)).isEqualTo(new String(rec(i), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void acknowledgedRecordsAreNotReadAgainAndTheirSegmentsGo() throws Exception {
    long before;
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 200, FsyncPolicy.OS_CACHE)) {
      for (int i = 0; i < 40; i++) {
        q.offer(rec(i));
      }
      before = segmentFiles(dir);
      DiskQueue.Batch b = q.read(q.acked(), 30, 0);
      q.ack(b.next());
    }
    assertThat(segmentFiles(dir)).isLessThan(before);
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 200, FsyncPolicy.OS_CACHE)) {
      List<String> rest = drain(q, q.acked());
      assertThat(rest).hasSize(10);
      assertThat(rest.get(0)).isEqualTo(new String(rec(30), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aTornRecordAtTheEndIsCutOffAndTheRestKept() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD)) {
      for (int i = 0; i < 5; i++) {
        q.offer(rec(i));
      }
    }
    Path seg;
    try (Stream<Path> s = Files.list(dir)) {
      seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    // A crash mid-write: a header promising 100 bytes and only 3 of them.
    Files.write(
        seg, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 'a', 'b', 'c'}, StandardOpenOption.APPEND);
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD)) {
      q.offer(rec(5));
      List<String> all = drain(q, q.acked());
      assertThat(all).hasSize(6);
      assertThat(all.get(5)).isEqualTo(new String(rec(5), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aFullQueueRefusesAndCountsUntilDeliveryFreesSpace() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 100, 1 << 16, FsyncPolicy.EVERY_RECORD)) {
      byte[] r = new byte[40];
      assertThat(q.offer(r)).isTrue();
      assertThat(q.offer(r)).isTrue();
      assertThat(q.offer(r)).as("96 + 48 > 100").isFalse();
      assertThat(q.offer(r)).isFalse();
      assertThat(q.refused()).isEqualTo(2);
      assertThat(q.usedBytes()).isEqualTo(96);
      q.ack(q.read(q.acked(), 1, 0).next());
      assertThat(q.usedBytes()).isEqualTo(48);
      assertThat(q.offer(r)).isTrue();
      assertThat(drain(q, q.acked())).hasSize(2);
    }
  }

  @Test
  void aReaderWaitsForTheNextRecord() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                  q.offer(rec(1));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      DiskQueue.Batch b = q.read(q.acked(), 10, 10_000);
      assertThat(b.records()).hasSize(1);
      t.join();
    }
  }

  @Test
  void oneProcessAtATime() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD)) {
      assertThatThrownBy(() -> DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.EVERY_RECORD))
          .hasMessageContaining("in use");
    }
  }

  @Test
  void concurrentOffersAreEachKeptOnce() throws Exception {
    int threads = 6;
    int each = 150;
    try (DiskQueue q = DiskQueue.open(dir, 1 << 24, 4096, FsyncPolicy.EVERY_RECORD)) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int th = t;
        Thread x =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    try {
                      assertThat(q.offer(("t" + th + "-" + i).getBytes(StandardCharsets.UTF_8)))
                          .isTrue();
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        ts.add(x);
        x.start();
      }
      for (Thread x : ts) {
        x.join();
      }
    }
    try (DiskQueue q = DiskQueue.open(dir, 1 << 24, 4096, FsyncPolicy.EVERY_RECORD)) {
      List<String> all = drain(q, q.acked());
      assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        List<String> mine = all.stream().filter(r -> r.startsWith(prefix)).toList();
        assertThat(mine)
            .as("each thread's records in its order")
            .isEqualTo(IntStream.range(0, each).mapToObj(i -> prefix + i).toList());
      }
    }
  }

  @Test
  void aCursorPastTheDurableEndStartsAFreshSegment() throws Exception {
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.OS_CACHE)) {
      for (int i = 0; i < 5; i++) {
        q.offer(rec(i));
      }
      q.ack(q.read(q.acked(), 5, 0).next());
    }
    // A power loss kept the cursor but not the records it passed.
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".seg")).toList()) {
        Files.write(p, new byte[0]);
      }
    }
    try (DiskQueue q = DiskQueue.open(dir, 1 << 20, 1 << 16, FsyncPolicy.OS_CACHE)) {
      assertThat(q.usedBytes()).isZero();
      q.offer(rec(9));
      assertThat(drain(q, q.acked())).containsExactly(new String(rec(9), StandardCharsets.UTF_8));
    }
  }
}
