package io.orgvault.engine.store;

import java.util.Iterator;

/** Record versions streamed in Id order; close it to release the segment files it reads. */
public interface RecordStream extends Iterator<RecordVersion>, AutoCloseable {
  @Override
  void close();
}
