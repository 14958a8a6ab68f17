package io.orgvault.engine.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Backs up a run's objects on a fixed number of threads. Results come back in the order of the
 * input, whatever order the objects finish in. The first task to throw ends the run: the others are
 * interrupted, every thread has stopped before the exception reaches the caller (so nothing writes
 * into a backup that is being abandoned), and the exception is the one that happened first rather
 * than one of its consequences in the other threads.
 *
 * <p>A failure that {@linkplain #runAll(List, Function, Predicate, Consumer) winds the run down}
 * (an API allowance spent) is gentler: the other threads are told, not interrupted, so each can
 * leave its object where a later run continues it; tasks not yet started do not start. Only threads
 * that have not ended after {@link #WIND_DOWN_SECONDS} are interrupted.
 */
final class ObjectPool {
  /** How long stopping threads may take to notice the interrupt before the run gives up. */
  private static final long STOP_WAIT_SECONDS = 60;

  /**
   * How long the other threads have to reach their next row after a stop: a stop ends every later
   * API call at once, so this covers a file body or a segment being written.
   */
  private static final long WIND_DOWN_SECONDS = 120;

  private final int threads;

  ObjectPool(int threads) {
    this.threads = threads;
  }

  <T, R> List<R> runAll(List<T> items, Function<T, R> task) {
    return runAll(items, task, e -> false, e -> {});
  }

  /**
   * Like {@link #runAll(List, Function)}, but a first failure that {@code windsDown} accepts is
   * first given to {@code windDown} (which tells the running tasks to stop), and the running tasks
   * are then left to finish on their own before it reaches the caller.
   */
  <T, R> List<R> runAll(
      List<T> items,
      Function<T, R> task,
      Predicate<Throwable> windsDown,
      Consumer<Throwable> windDown) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, items.size()), BodyDownloads.daemons("orgvault-object-"));
    ExecutorCompletionService<R> done = new ExecutorCompletionService<>(pool);
    List<Future<R>> futures = new ArrayList<>();
    boolean gentle = false;
    try {
      for (T item : items) {
        futures.add(done.submit(() -> task.apply(item)));
      }
      for (int i = 0; i < items.size(); i++) {
        Future<R> f = done.take();
        try {
          f.get();
        } catch (ExecutionException e) {
          if (windsDown.test(e.getCause())) {
            gentle = true;
            windDown.accept(e.getCause());
          }
          throw rethrow(e.getCause());
        }
      }
      List<R> results = new ArrayList<>(futures.size());
      for (Future<R> f : futures) {
        results.add(f.get()); // all done by now
      }
      return results;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while objects were being backed up");
    } finally {
      if (gentle) {
        futures.forEach(f -> f.cancel(false)); // those not started yet never start
        pool.shutdown();
        windDown(pool);
      }
      futures.forEach(f -> f.cancel(true));
      pool.shutdownNow();
      awaitStop(pool);
    }
  }

  private static void windDown(ExecutorService pool) {
    try {
      pool.awaitTermination(WIND_DOWN_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitStop(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "object threads did not stop within " + STOP_WAIT_SECONDS + " s of the run's end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("backing up an object failed", cause);
  }
}
