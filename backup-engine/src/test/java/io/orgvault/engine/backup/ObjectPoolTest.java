package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.salesforce.ApiBudget;
import io.orgvault.engine.salesforce.ApiBudgetExhaustedException;
import io.orgvault.engine.salesforce.RunStoppedException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObjectPoolTest {
  @Test
  void resultsComeInTheOrderOfTheInputWhateverOrderTasksFinishIn() {
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    List<String> out =
        new ObjectPool(3)
            .runAll(
                List.of("a", "b", "c"),
                s -> {
                  if (s.equals("a")) {
                    await(firstMayFinish); // "a" finishes last
                  } else if (s.equals("c")) {
                    firstMayFinish.countDown();
                  }
                  return s.toUpperCase(java.util.Locale.ROOT);
                });
    assertThat(out).containsExactly("A", "B", "C");
  }

  @Test
  void theFirstFailureEndsTheRunAfterTheOtherThreadsHaveStopped() {
    AtomicBoolean otherStopped = new AtomicBoolean();
    AtomicInteger started = new AtomicInteger();
    CountDownLatch blockerRunning = new CountDownLatch(1);
    assertThatThrownBy(
            () ->
                new ObjectPool(2)
                    .runAll(
                        List.of("blocks", "fails", "never"),
                        s -> {
                          started.incrementAndGet();
                          if (s.equals("blocks")) {
                            blockerRunning.countDown();
                            try {
                              Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                              otherStopped.set(true);
                            }
                            return s;
                          }
                          await(blockerRunning);
                          throw new IllegalStateException("first failure: " + s);
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first failure: fails");
    // By the time the exception reached the caller, the blocked thread had been interrupted and
    // had finished; the third task either never started or failed after the first.
    assertThat(otherStopped).isTrue();
  }

  @Test
  void aStopWindsTheOtherTasksDownTheyAreToldNotInterrupted() {
    RunStop stop = new RunStop();
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean sawStop = new AtomicBoolean();
    CountDownLatch workerRunning = new CountDownLatch(1);
    assertThatThrownBy(
            () ->
                new ObjectPool(2)
                    .runAll(
                        List.of("works", "stops"),
                        s -> {
                          if (s.equals("works")) {
                            workerRunning.countDown();
                            try {
                              while (!stop.requested()) {
                                Thread.sleep(1);
                              }
                              sawStop.set(true); // here an object would suspend itself
                            } catch (InterruptedException e) {
                              interrupted.set(true);
                            }
                            return s;
                          }
                          await(workerRunning);
                          throw new ApiBudgetExhaustedException("budget spent", 30, 30, null);
                        },
                        e -> e instanceof RunStoppedException,
                        e -> stop.request((RunStoppedException) e)))
        .isInstanceOf(ApiBudgetExhaustedException.class)
        .hasMessage("budget spent");
    // The running task learnt of the stop and ended on its own before the stop reached the caller.
    assertThat(sawStop).isTrue();
    assertThat(interrupted).isFalse();
    assertThatThrownBy(stop::check)
        .isInstanceOf(ApiBudgetExhaustedException.class)
        .satisfies(e -> assertThat(((RunStoppedException) e).checkpoint()).isEmpty());
  }

  @Test
  void progressEventsFromManyThreadsReachAnUnsynchronizedSinkWhole() throws Exception {
    ApiBudget budget = ApiBudget.defaultBudget();
    List<ProgressEvent> events = new java.util.ArrayList<>();
    RunProgress progress = new RunProgress(events::add, budget); // an unsynchronized sink
    new ObjectPool(4)
        .runAll(
            List.of(1, 2, 3, 4),
            n -> {
              for (int i = 0; i < 2_000; i++) {
                progress.emit("object-progress", "O" + n, i, -1, 0, null);
              }
              return n;
            });
    assertThat(events).hasSize(8_000);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
