package io.orgvault.simulator.org;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many rows each object of a generated org has, scaled from a number of Contacts in the
 * proportions of a typical B2B org.
 */
public record OrgSize(int contacts) {
  public OrgSize {
    if (contacts < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  public Map<String, Integer> counts() {
    int accounts = Math.max(1, contacts / 5);
    int projects = Math.max(1, accounts / 4);
    int files = contacts / 100;
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("User", Math.max(5, contacts / 2000));
    m.put("Account", accounts);
    m.put("Contact", contacts);
    m.put("Opportunity", contacts / 5);
    m.put("Case", contacts / 10);
    m.put("Task", contacts / 2);
    m.put("ContentDocument", files);
    m.put("ContentVersion", files);
    m.put("ContentDocumentLink", files);
    m.put("Attachment", contacts / 200);
    m.put("Project__c", projects);
    m.put("Milestone__c", projects * 3);
    return m;
  }

  /** All rows of the org. */
  public long totalRows() {
    return counts().values().stream().mapToLong(Integer::longValue).sum();
  }
}
