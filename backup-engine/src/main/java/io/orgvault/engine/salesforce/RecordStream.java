package io.orgvault.engine.salesforce;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records read one at a time from Salesforce: only the page or result set being read is held, never
 * the whole result. Close it (or the {@link #stream()}) when done early, to end the open response.
 * Failures surface from {@link #hasNext()}/{@link #next()} as {@link SalesforceException}s.
 */
public interface RecordStream<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();

  /** The remaining records as a sequential stream; closing the stream closes this. */
  default Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }
}
