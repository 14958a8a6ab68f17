package io.orgvault.audit.event;

import java.util.Locale;

/** How an audited action ended. */
public enum Outcome {
  SUCCESS,
  /** The action was attempted and failed (wrong password, Salesforce error...). */
  FAILURE,
  /** Access control refused the action (role, tenant, IP allowlist). */
  DENIED;

  /** The stored, hashed and shipped form: lower case. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Outcome fromCode(String code) {
    for (Outcome o : values()) {
      if (o.code().equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown audit outcome code: " + code);
  }
}
