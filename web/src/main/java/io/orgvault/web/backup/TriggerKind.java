package io.orgvault.web.backup;

/** What started a run. */
public enum TriggerKind {
  SCHEDULED,
  ON_DEMAND,
  RETRY
}
