package io.orgvault.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.RetentionPolicy;
import java.util.Set;

/**
 * {@code job.prune} of a {@code prune} job: the tenant's retention policy (keep the newest backup
 * of the last {@code keepDaily} days, {@code keepMonthly} months, and the {@code keepLast} newest),
 * whether to compact what stays, and whether to only report. Without it a prune job only collects
 * garbage, as before.
 */
public record PruneSettings(
    int keepDaily, int keepMonthly, int keepLast, boolean compact, boolean dryRun) {
  /** More would be a typo, not a policy: 100 years of months. */
  public static final int MAX_KEEP = 1200;

  private static final Set<String> FIELDS =
      Set.of("keepDaily", "keepMonthly", "keepLast", "compact", "dryRun");

  public PruneSettings {
    check(keepDaily, "keepDaily");
    check(keepMonthly, "keepMonthly");
    check(keepLast, "keepLast");
    if (keepDaily + keepMonthly + keepLast == 0) {
      throw new ProtocolException(
          "job.prune keeps nothing but the latest backup: set keepDaily, keepMonthly or keepLast");
    }
  }

  public PruneOptions options() {
    return new PruneOptions(new RetentionPolicy(keepDaily, keepMonthly, keepLast), compact, dryRun);
  }

  static PruneSettings fromJson(JsonNode p) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      throw new ProtocolException("job.prune must be an object");
    }
    p.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                throw new ProtocolException("job.prune has an unknown field");
              }
            });
    return new PruneSettings(
        count(p, "keepDaily"),
        count(p, "keepMonthly"),
        count(p, "keepLast"),
        flag(p, "compact"),
        flag(p, "dryRun"));
  }

  void toJson(ObjectNode p) {
    p.put("keepDaily", keepDaily);
    p.put("keepMonthly", keepMonthly);
    p.put("keepLast", keepLast);
    p.put("compact", compact);
    p.put("dryRun", dryRun);
  }

  private static int count(JsonNode p, String field) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new ProtocolException("job.prune." + field + " must be a whole number");
    }
    return n.intValue();
  }

  private static boolean flag(JsonNode p, String field) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new ProtocolException("job.prune." + field + " must be true or false");
    }
    return n.booleanValue();
  }

  private static void check(int n, String field) {
    if (n < 0 || n > MAX_KEEP) {
      throw new ProtocolException("job.prune." + field + " must be 0.." + MAX_KEEP);
    }
  }
}
