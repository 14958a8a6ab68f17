package io.orgvault.engine.backup;

/** Where a backup run reports its progress. */
@FunctionalInterface
public interface ProgressSink {
  void accept(ProgressEvent event);

  static ProgressSink discard() {
    return e -> {};
  }
}
