package io.orgvault.engine.restore;

import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.SealedFiles;
import java.util.regex.Pattern;

/**
 * Where a restore keeps its files in the tenant's volume: {@code restores/<restoreId>/plan} (the
 * confirmed plan, sealed) and {@code restores/<restoreId>/journal} (the sealed append-only log of
 * what the run did).
 */
public final class RestoreFiles {
  private static final Pattern RESTORE_ID = Pattern.compile("r-[0-9a-f]{16}");

  private RestoreFiles() {}

  static String plan(String restoreId) {
    return "restores/" + requireId(restoreId) + "/plan";
  }

  static String journal(String restoreId) {
    return "restores/" + requireId(restoreId) + "/journal";
  }

  /** Restore Ids are {@code r-} and 16 hex digits; anything else is refused before any path use. */
  public static String requireId(String restoreId) {
    if (restoreId == null || !RESTORE_ID.matcher(restoreId).matches()) {
      throw new IllegalArgumentException("not a restore id: expected r- and 16 hex digits");
    }
    return restoreId;
  }

  static void savePlan(RecordStore store, RestorePlan plan) {
    if (SealedFiles.exists(store, plan(plan.restoreId()))) {
      throw new IllegalStateException("restore " + plan.restoreId() + " already has a plan");
    }
    SealedFiles.write(store, plan(plan.restoreId()), PlanJson.toBytes(plan));
  }

  /**
   * The confirmed plan of a restore.
   *
   * @throws io.orgvault.engine.store.StoreException if there is none
   * @throws io.orgvault.engine.store.StoreCorruptedException if it was altered
   */
  public static RestorePlan loadPlan(RecordStore store, String restoreId) {
    RestorePlan p = PlanJson.fromBytes(SealedFiles.read(store, plan(restoreId)));
    if (!p.restoreId().equals(restoreId) || !p.tenantId().equals(store.tenantId())) {
      throw new MalformedPlanException("the plan file belongs to another restore");
    }
    return p;
  }
}
