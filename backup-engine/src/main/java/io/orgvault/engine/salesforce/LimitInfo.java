package io.orgvault.engine.salesforce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's API usage as Salesforce reports it on every call: the {@code Sforce-Limit-Info:
 * api-usage=25/15000} header on REST and Bulk responses, the {@code LimitInfoHeader} on SOAP
 * responses.
 *
 * @param used calls made in the current 24-hour window, by every client of the org
 * @param max the org's daily allowance
 */
public record LimitInfo(long used, long max) {
  private static final Pattern API_USAGE =
      Pattern.compile("(?:^|[,;\\s])api-usage\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)");

  public LimitInfo {
    if (used < 0 || max < 0) {
      throw new IllegalArgumentException("negative API usage " + used + "/" + max);
    }
  }

  /** Calls left today (never negative). */
  public long remaining() {
    return Math.max(0, max - used);
  }

  /**
   * The {@code api-usage} entry of an {@code Sforce-Limit-Info} header (which may list other
   * entries, such as {@code per-app-api-usage}), or empty when the header is absent or has none.
   */
  public static Optional<LimitInfo> parseHeader(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = API_USAGE.matcher(header);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LimitInfo(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // digits beyond a long: not a usage we can act on
    }
  }

  @Override
  public String toString() {
    return used + "/" + max;
  }
}
