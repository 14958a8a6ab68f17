package io.orgvault.simulator.org;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** One day of user activity on an org; see {@link Org#simulateDay(DayRates)}. */
final class SimulatedDay {
  /** Objects users edit by hand; files and links change only through new uploads. */
  private static final List<String> DATA_OBJECTS =
      List.of("Account", "Contact", "Opportunity", "Case", "Task", "Project__c", "Milestone__c");

  private static final Set<String> NO_USER_DELETES = Set.of("Account");
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final Org org;
  private final DayRates rates;
  private final int day;
  private final Random random;

  SimulatedDay(Org org, DayRates rates, int day) {
    this.org = org;
    this.rates = rates;
    this.day = day;
    this.random = new Random(ValueGenerator.mix(org.orgId().hashCode(), day));
  }

  DayReport run() {
    long start = org.clock().now().toEpochMilli();
    long updated = 0, deleted = 0, inserted = 0, undeleted = 0, files = 0;
    int users = Math.max(1, org.generatedCount("User"));
    for (String name : DATA_OBJECTS) {
      ObjectTable t = org.table(name);
      int n = t.size();
      if (n == 0) {
        continue;
      }
      updated +=
          times(
              n,
              rates.updated(),
              () -> {
                int r = random.nextInt(n);
                if (t.isLive(r)) {
                  org.bump(t, r, org.clock().tick(), 1 + random.nextInt(users));
                  return true;
                }
                return false;
              });
      if (!NO_USER_DELETES.contains(name)) {
        deleted +=
            times(
                n,
                rates.deleted(),
                () -> {
                  int r = random.nextInt(n);
                  if (t.isLive(r)) {
                    org.recycle(t, r, org.clock().tick(), 1 + random.nextInt(users));
                    return true;
                  }
                  return false;
                });
      }
      inserted +=
          times(
              n,
              rates.inserted(),
              () -> {
                org.insertGenerated(t, org.clock().tick(), 1 + random.nextInt(users));
                return true;
              });
      undeleted +=
          times(
              n,
              rates.undeleted(),
              () -> {
                int r = random.nextInt(t.size());
                if (t.isRecycled(r)) {
                  org.restore(t, r, org.clock().tick(), 1 + random.nextInt(users));
                  return true;
                }
                return false;
              });
    }
    ObjectTable accounts = org.table("Account");
    for (int i = 0; i < rates.newFiles() && accounts.size() > 0; i++) {
      int a = random.nextInt(accounts.size());
      if (accounts.isLive(a)) {
        byte[] body =
            ("Day " + day + " upload " + i + "\n").repeat(1 + random.nextInt(200)).getBytes();
        org.insertFile(
            "Upload day " + day + " #" + i,
            body,
            accounts.id(a),
            org.userId(1 + random.nextInt(users)));
        files++;
      }
    }
    long purged = purgeRecycleBin();
    org.clock().advanceTo(java.time.Instant.ofEpochMilli(start + DAY_MILLIS));
    return new DayReport(day, updated, deleted, inserted, undeleted, files, purged);
  }

  private long purgeRecycleBin() {
    long cutoff =
        org.clock().now().toEpochMilli() - Duration.ofDays(Org.RECYCLE_BIN_DAYS).toMillis();
    long purged = 0;
    for (ObjectTable t : org.tables()) {
      for (int r = 0; r < t.size(); r++) {
        if (t.isRecycled(r) && t.deletedDate(r) < cutoff) {
          t.purge(r);
          purged++;
        }
      }
    }
    return purged;
  }

  /** Runs {@code action} for about {@code n * rate} rows; returns how many it changed. */
  private long times(int n, double rate, java.util.function.BooleanSupplier action) {
    long target = Math.round(n * rate);
    long done = 0;
    for (long i = 0; i < target; i++) {
      if (action.getAsBoolean()) {
        done++;
      }
    }
    return done;
  }
}
