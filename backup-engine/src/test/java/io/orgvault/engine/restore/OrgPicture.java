package io.orgvault.engine.restore;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.util.ArrayList;
import java.util.List;

/** Reads the simulated org's own tables, independently of the code under test. */
final class OrgPicture {
  private OrgPicture() {}

  /**
   * Ids of the rows of {@code object} whose {@code field} holds {@code value}, live or recycled.
   */
  static List<String> rowsWhere(Org org, String object, String field, String value) {
    ObjectTable t = org.table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.exists(r) && value.equals(t.value(r, field))) {
        out.add(t.id(r));
      }
    }
    return out;
  }

  /** Live Ids of {@code object} whose {@code field} holds {@code value}. */
  static List<String> liveWhere(Org org, String object, String field, String value) {
    ObjectTable t = org.table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && value.equals(t.value(r, field))) {
        out.add(t.id(r));
      }
    }
    return out;
  }

  /** A live Account with at least {@code contacts} Contacts and one Opportunity. */
  static String accountWithChildren(Org org, int contacts) {
    ObjectTable a = org.table("Account");
    for (int r = 0; r < a.size(); r++) {
      if (!a.isLive(r)) {
        continue;
      }
      String id = a.id(r);
      if (liveWhere(org, "Contact", "AccountId", id).size() >= contacts
          && !liveWhere(org, "Opportunity", "AccountId", id).isEmpty()) {
        return id;
      }
    }
    throw new AssertionError("no account with " + contacts + " contacts");
  }

  static Object value(Org org, String id, String field) {
    Org.RowRef ref = org.find(id);
    return ref.table().value(ref.row(), field);
  }

  static boolean isLive(Org org, String id) {
    Org.RowRef ref = org.find(id);
    return ref != null && ref.table().isLive(ref.row());
  }

  static boolean isRecycled(Org org, String id) {
    Org.RowRef ref = org.find(id);
    return ref != null && ref.table().isRecycled(ref.row());
  }
}
