package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SalesforceId;
import java.io.IOException;

/** {@code getUserInfo} and {@code getServerTimestamp}. */
final class SessionCalls {
  /** The simulated org has no Organization record; this is the name it reports. */
  static final String ORGANIZATION_NAME = "OrgVault Simulated Org";

  private static final int ATTACHMENT_SIZE_LIMIT = 5 * 1024 * 1024;

  private SessionCalls() {}

  static void getServerTimestamp(SoapCall call) throws IOException {
    String now = FieldValues.isoDateTime(call.ctx().org().clock().now());
    SoapWriter w = call.respond("getServerTimestampResponse");
    w.start("result").element("timestamp", now).end();
    call.finish();
  }

  /** The session user and org, with the locale settings of a default US org. */
  static void getUserInfo(SoapCall call) throws IOException {
    Org org = call.ctx().org();
    ObjectTable users = org.table("User");
    int row = users.rowOf(call.userId());
    String first = row < 0 ? null : (String) users.value(row, "FirstName");
    String last = row < 0 ? null : (String) users.value(row, "LastName");
    String fullName = first == null ? last : last == null ? first : first + " " + last;
    SoapWriter w = call.respond("getUserInfoResponse");
    w.start("result");
    w.element("accessibilityMode", false);
    w.element("chatterExternal", false);
    w.element("currencySymbol", "$");
    w.element("orgAttachmentFileSizeLimit", ATTACHMENT_SIZE_LIMIT);
    w.element("orgDefaultCurrencyIsoCode", "USD");
    w.element("orgDefaultCurrencyLocale", "en_US");
    w.element("orgDisallowHtmlAttachments", false);
    w.element("orgHasPersonAccounts", false);
    w.element("organizationId", org.orgId());
    w.element("organizationMultiCurrency", false);
    w.element("organizationName", ORGANIZATION_NAME);
    w.element("profileId", SalesforceId.of("00e", 1));
    w.element("roleId", null);
    w.element("sessionSecondsValid", call.ctx().tokens().lifetime().toSeconds());
    w.element("userDefaultCurrencyIsoCode", null);
    w.element("userEmail", row < 0 ? null : users.value(row, "Email"));
    w.element("userFullName", fullName);
    w.element("userId", call.userId());
    w.element("userLanguage", "en_US");
    w.element("userLocale", "en_US");
    w.element("userName", row < 0 ? null : users.value(row, "Username"));
    w.element("userTimeZone", "America/Los_Angeles");
    w.element("userType", "Standard");
    w.element("userUiSkin", "Theme3");
    w.end();
    call.finish();
  }
}
