package io.orgvault.web.sandbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orgvault.web.tenancy.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The cluster-wide cap on concurrent sandbox jobs. On PostgreSQL a slot is a session-level advisory
 * lock ({@code pg_try_advisory_lock(namespace, slot)}) held on a connection of its own for the
 * job's life: every instance on the database sees the same slots, and the connections of an
 * instance that dies close with it, which frees its slots without any lease to expire. On another
 * database (the H2 demo, a single instance) a semaphore.
 *
 * <p>A job takes its slot before it asks Salesforce for a session, so a long wait never hands the
 * sandbox an expired token; {@link SandboxJobs} refuses to start a job on a thread without one.
 */
@ApplicationScoped
public class SandboxSlots {
  private static final Logger LOG = Logger.getLogger(SandboxSlots.class);

  /** How often a waiting job tries the slots again (plus up to as much jitter). */
  static final Duration POLL = Duration.ofSeconds(2);

  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry registry;

  @Inject SandboxSettings settings;

  @ConfigProperty(name = "quarkus.datasource.db-kind")
  String dbKind;

  private final ThreadLocal<SandboxSlot> held = new ThreadLocal<>();
  private Semaphore local;
  private int lockClass;
  private int capacity;

  @PostConstruct
  void init() {
    capacity = settings.maxConcurrent();
    if (capacity < 1) {
      throw new IllegalStateException("orgvault.sandbox.max-concurrent must be at least 1");
    }
    // a positive 31-bit key, so pg_locks.classid (an oid) shows it as configured
    lockClass = namespaceKey(settings.slotNamespace());
    if (!usesAdvisoryLocks()) {
      local = new Semaphore(capacity, true);
    }
    Gauge.builder("orgvault.sandbox.slots.in.use", this, SandboxSlots::inUse)
        .description("sandbox jobs running now across the cluster")
        .register(registry);
    Gauge.builder("orgvault.sandbox.slots.capacity", this, s -> s.capacity)
        .description("the cluster-wide cap on concurrent sandbox jobs")
        .register(registry);
  }

  static int namespaceKey(String namespace) {
    int h = 17;
    for (byte b : namespace.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h & 0x7fff_ffff;
  }

  private boolean usesAdvisoryLocks() {
    return "postgresql".equalsIgnoreCase(dbKind);
  }

  public int capacity() {
    return capacity;
  }

  /** Waits for a slot up to the configured {@code slot-wait}. */
  public SandboxSlot acquire(TenantId tenant) throws SandboxCapacityException {
    return acquire(tenant, settings.slotWait());
  }

  /**
   * Takes a free slot for a job of {@code tenant} on this thread, waiting up to {@code wait}.
   *
   * @throws SandboxCapacityException if every slot stayed taken that long, or the wait was
   *     interrupted (the interrupt flag is set again)
   */
  public SandboxSlot acquire(TenantId tenant, Duration wait) throws SandboxCapacityException {
    if (held.get() != null) {
      throw new IllegalStateException("this thread already holds a sandbox slot");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    try {
      while (true) {
        SandboxSlot slot = usesAdvisoryLocks() ? tryAdvisory(tenant) : tryLocal(tenant);
        if (slot != null) {
          held.set(slot);
          return slot;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SandboxCapacityException(capacity, wait);
        }
        if (!logged) {
          LOG.infof("a job of tenant %s waits for one of %d sandbox slots", tenant, capacity);
          logged = true;
        }
        long pause = POLL.toNanos() + ThreadLocalRandom.current().nextLong(POLL.toNanos());
        TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxCapacityException(capacity, wait);
    }
  }

  /** Fails unless this thread holds a slot: every sandbox job runs under one. */
  void requireHeld() {
    if (held.get() == null) {
      throw new IllegalStateException("a sandbox job must hold a slot (SandboxSlots.acquire)");
    }
  }

  /** Slots taken now: across the cluster on PostgreSQL, on this instance otherwise. */
  public int inUse() {
    if (!usesAdvisoryLocks()) {
      return capacity - local.availablePermits();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and granted"
                    + " and classid = ? and objsubid = 2 and database ="
                    + " (select oid from pg_database where datname = current_database())")) {
      q.setLong(1, lockClass);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    } catch (SQLException e) {
      LOG.warnf("cannot count the sandbox slots in use: %s", e.getMessage());
      return -1;
    }
  }

  private SandboxSlot tryLocal(TenantId tenant) {
    if (!local.tryAcquire()) {
      return null;
    }
    return new SandboxSlot(tenant, -1, () -> release(local));
  }

  private void release(Semaphore s) {
    held.remove();
    s.release();
  }

  private SandboxSlot tryAdvisory(TenantId tenant) {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      // start at a random slot so waiting instances do not all contend for slot 0 first
      int start = ThreadLocalRandom.current().nextInt(capacity);
      for (int i = 0; i < capacity; i++) {
        int slot = (start + i) % capacity;
        if (tryLock(c, slot)) {
          Connection owner = c;
          c = null;
          return new SandboxSlot(tenant, slot, () -> unlock(owner, slot));
        }
      }
      return null;
    } catch (SQLException e) {
      // the database is unreachable: count it as no free slot, and say why
      LOG.warnf("cannot take a sandbox slot: %s", e.getMessage());
      return null;
    } finally {
      closeQuietly(c);
    }
  }

  private boolean tryLock(Connection c, int slot) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
      q.setInt(1, lockClass);
      q.setInt(2, slot);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private void unlock(Connection c, int slot) {
    held.remove();
    try (PreparedStatement q = c.prepareStatement("select pg_advisory_unlock(?, ?)")) {
      q.setInt(1, lockClass);
      q.setInt(2, slot);
      q.execute();
    } catch (SQLException e) {
      LOG.warnf("cannot release sandbox slot %d: %s", slot, e.getMessage());
    } finally {
      // the pooled connection must not carry a lock back to the pool
      try (PreparedStatement all = c.prepareStatement("select pg_advisory_unlock_all()")) {
        all.execute();
      } catch (SQLException e) {
        // a broken connection holds nothing: its session ended with it
      }
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // nothing more to release
      }
    }
  }
}
