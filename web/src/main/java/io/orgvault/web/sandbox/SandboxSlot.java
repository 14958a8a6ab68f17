package io.orgvault.web.sandbox;

import io.orgvault.web.tenancy.TenantId;

/** One taken slot of {@link SandboxSlots}; closing it frees the slot (once). */
public final class SandboxSlot implements AutoCloseable {
  private final TenantId tenant;
  private final int number;
  private Runnable release;

  SandboxSlot(TenantId tenant, int number, Runnable release) {
    this.tenant = tenant;
    this.number = number;
    this.release = release;
  }

  public TenantId tenant() {
    return tenant;
  }

  /** The slot's number in {@code 0..capacity-1}, or -1 for the demo's semaphore. */
  public int number() {
    return number;
  }

  @Override
  public synchronized void close() {
    if (release != null) {
      Runnable r = release;
      release = null;
      r.run();
    }
  }
}
