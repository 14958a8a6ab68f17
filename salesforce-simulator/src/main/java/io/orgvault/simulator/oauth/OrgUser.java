package io.orgvault.simulator.oauth;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.time.Instant;
import java.util.Optional;

/** A User row of the org, as the login page and the identity services see it. */
record OrgUser(
    String id,
    String username,
    String firstName,
    String lastName,
    String email,
    String alias,
    boolean active,
    Instant lastModified) {

  /** The user with this Id (15 or 18 characters), if the org has one. */
  static Optional<OrgUser> byId(Org org, String userId) {
    ObjectTable users = org.table("User");
    int row = users.rowOf(userId);
    if (row < 0 || !users.exists(row) || users.isPurged(row)) {
      return Optional.empty();
    }
    return Optional.of(
        new OrgUser(
            users.id(row),
            (String) users.value(row, "Username"),
            (String) users.value(row, "FirstName"),
            (String) users.value(row, "LastName"),
            (String) users.value(row, "Email"),
            (String) users.value(row, "Alias"),
            users.isLive(row) && Boolean.TRUE.equals(users.value(row, "IsActive")),
            Instant.ofEpochMilli(users.systemModstamp(row))));
  }

  /** The user with this username (case-insensitive), if the org has one. */
  static Optional<OrgUser> byUsername(Org org, String username) {
    if (username == null || username.isBlank()) {
      return Optional.empty();
    }
    String id = org.userIdByUsername(username.trim());
    return id == null ? Optional.empty() : byId(org, id);
  }

  String displayName() {
    return firstName == null || firstName.isBlank() ? lastName : firstName + " " + lastName;
  }
}
