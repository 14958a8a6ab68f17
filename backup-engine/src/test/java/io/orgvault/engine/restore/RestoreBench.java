package io.orgvault.engine.restore;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.simulator.org.Org;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark of issue [D] (scripts/bench-restore.sh, figures in docs/benchmarks.md): an Account with
 * a hierarchy of about N records (half Contacts, a quarter Opportunities, a quarter Cases that
 * point at the Account and at one of its Contacts) is backed up, deleted, purged from the recycle
 * bin, and restored by a plan of the Account with its children: once through composite calls only
 * and once with Bulk API 2.0 ingest above the default threshold. The simulator runs in this
 * process. Prints one JSON line per mode; asserts only that every record came back.
 */
public final class RestoreBench {
  private RestoreBench() {}

  public static void main(String[] args) throws Exception {
    int records = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    for (int threshold : new int[] {Integer.MAX_VALUE, RestoreOptions.DEFAULT_BULK_THRESHOLD}) {
      run(records, threshold);
    }
  }

  private static void run(int records, int threshold) throws Exception {
    try (SimBackups fx = new SimBackups(100)) {
      Org org = fx.sim.org();
      String user = org.integrationUserId();
      String account =
          org.insert("Account", Map.of("Name", "Bench Holdings", "AccountNumber", "B-1"), user)
              .id();
      int contacts = records / 2;
      int opportunities = records / 4;
      int cases = records - 1 - contacts - opportunities;
      List<String> contactIds = new ArrayList<>();
      for (int i = 0; i < contacts; i++) {
        Map<String, Object> c = new HashMap<>();
        c.put("AccountId", account);
        c.put("LastName", "Bench" + i);
        c.put("Email", "bench" + i + "@example.com");
        c.put("Title", "Role " + (i % 40));
        contactIds.add(org.insert("Contact", c, user).id());
      }
      for (int i = 0; i < opportunities; i++) {
        Map<String, Object> o = new HashMap<>();
        o.put("AccountId", account);
        o.put("Name", "Deal " + i);
        o.put("StageName", "Prospecting");
        o.put("CloseDate", LocalDate.of(2026, 6, 1 + i % 28).toString());
        o.put("Amount", "" + (1000 + i));
        org.insert("Opportunity", o, user);
      }
      for (int i = 0; i < cases; i++) {
        Map<String, Object> c = new HashMap<>();
        c.put("AccountId", account);
        c.put("ContactId", contactIds.get(i % contactIds.size()));
        c.put("Subject", "Issue " + i);
        org.insert("Case", c, user);
      }
      long b = fx.backup();
      List<String> gone = new ArrayList<>(contactIds);
      gone.addAll(OrgPicture.rowsWhere(org, "Opportunity", "AccountId", account));
      gone.addAll(OrgPicture.rowsWhere(org, "Case", "AccountId", account));
      org.delete(account, user);
      for (String id : gone) {
        if (OrgPicture.isRecycled(org, id)) {
          org.purge(id);
        }
      }
      org.purge(account);

      long t0 = System.nanoTime();
      RestorePlan p =
          RestoreRun.plan(
              fx,
              new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
              RestoreOptions.defaults().withBulkThreshold(threshold));
      long t1 = System.nanoTime();
      RestoreReport r = RestoreRun.run(fx, p.restoreId());
      long t2 = System.nanoTime();
      long restored = r.count(RestoreResult.Outcome.SUCCESS);
      if (restored != records || r.status() != RestoreReport.Status.COMPLETE) {
        throw new AssertionError("restored " + restored + " of " + records + ": " + r.status());
      }
      double runSeconds = (t2 - t1) / 1e9;
      System.out.printf(
          "{\"mode\":\"%s\",\"records\":%d,\"planSeconds\":%.2f,\"runSeconds\":%.2f,"
              + "\"recordsPerSecond\":%.0f,\"apiCalls\":%d,\"apiCallsPer1000\":%.1f,"
              + "\"estimatedApiCalls\":%d}%n",
          threshold == Integer.MAX_VALUE ? "composite" : "bulk>" + threshold,
          records,
          (t1 - t0) / 1e9,
          runSeconds,
          records / runSeconds,
          r.apiCalls(),
          r.apiCalls() * 1000.0 / records,
          p.estimatedApiCalls());
    }
  }
}
