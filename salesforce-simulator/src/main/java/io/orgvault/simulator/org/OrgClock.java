package io.orgvault.simulator.org;

import java.time.Duration;
import java.time.Instant;

/**
 * The org's notion of now. It starts at a given instant, optionally follows the wall clock, and
 * moves forward when a test or benchmark advances it by simulated days. Every write takes a {@link
 * #tick()}, so no two writes share a SystemModstamp.
 */
public final class OrgClock {
  private final Instant start;
  private final boolean followWallClock;
  private final long wallStartNanos = System.nanoTime();
  private long offsetMillis;
  private long lastTick;

  public OrgClock(Instant start, boolean followWallClock) {
    this.start = start;
    this.followWallClock = followWallClock;
  }

  /** The instant the clock started at; generated data lies before it. */
  public Instant start() {
    return start;
  }

  public synchronized Instant now() {
    return Instant.ofEpochMilli(Math.max(lastTick, baseMillis()));
  }

  /** A strictly increasing timestamp for a write, in epoch milliseconds. */
  public synchronized long tick() {
    lastTick = Math.max(lastTick + 1, baseMillis());
    return lastTick;
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offsetMillis += d.toMillis();
  }

  /** Moves the clock forward to {@code t}, if it is not there yet. */
  public synchronized void advanceTo(Instant t) {
    long gap = t.toEpochMilli() - baseMillis();
    if (gap > 0) {
      offsetMillis += gap;
    }
  }

  private long baseMillis() {
    long wall = followWallClock ? (System.nanoTime() - wallStartNanos) / 1_000_000 : 0;
    return start.toEpochMilli() + offsetMillis + wall;
  }
}
