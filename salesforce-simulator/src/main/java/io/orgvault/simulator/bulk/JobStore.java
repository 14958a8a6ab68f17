package io.orgvault.simulator.bulk;

import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.org.SalesforceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The jobs of one simulator, query and ingest alike. It holds at most {@link #capacity} jobs: a new
 * job evicts the oldest finished one, and when every job is still running the create is refused.
 * Deleting or evicting a job drops its data.
 */
final class JobStore {
  /** Bulk job Ids carry the AsyncApexJob key prefix, as in Salesforce. */
  static final String KEY_PREFIX = "750";

  private final int capacity;
  private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();
  private long nextSequence = 1;

  JobStore(int capacity) {
    this.capacity = capacity;
  }

  /** Adds the job the factory makes for the next Id, evicting a finished job if full. */
  synchronized <J extends BulkJob> J create(LongFunction<J> factory) {
    if (jobs.size() >= capacity) {
      BulkJob oldest =
          jobs.values().stream()
              .filter(j -> j.state().terminal())
              .min(Comparator.comparingLong(BulkJob::sequence))
              .orElseThrow(
                  () ->
                      new ApiException(
                          400,
                          "LIMIT_EXCEEDED",
                          "Too many unfinished Bulk API jobs: at most " + capacity));
      remove(oldest);
    }
    J job = factory.apply(nextSequence++);
    jobs.put(job.id(), job);
    return job;
  }

  static String idOf(long sequence) {
    return SalesforceId.of(KEY_PREFIX, sequence);
  }

  /** The job with this Id (15 or 18 characters) and type; 404 NOT_FOUND when there is none. */
  <J extends BulkJob> J find(String id, Class<J> type) {
    String n = SalesforceId.normalize(id);
    BulkJob job = n == null ? null : jobs.get(n);
    if (!type.isInstance(job)) {
      throw BulkErrors.notFound();
    }
    return type.cast(job);
  }

  void remove(BulkJob job) {
    jobs.remove(job.id());
    job.discard();
    if (job instanceof IngestJob ingest) {
      ingest.release();
    }
  }

  /** Jobs of a type in creation order. */
  <J extends BulkJob> List<J> list(Class<J> type) {
    List<J> out = new ArrayList<>();
    for (BulkJob j : jobs.values()) {
      if (type.isInstance(j)) {
        out.add(type.cast(j));
      }
    }
    out.sort(Comparator.comparingLong(BulkJob::sequence));
    return out;
  }
}
