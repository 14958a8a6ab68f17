package io.orgvault.engine.compare;

import java.util.Iterator;

/** Changes streamed in object-name, then Id order; close it to release the segment files. */
public interface ChangeStream extends Iterator<RecordChange>, AutoCloseable {
  @Override
  void close();
}
