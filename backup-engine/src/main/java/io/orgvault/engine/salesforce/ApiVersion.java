package io.orgvault.engine.salesforce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Salesforce API version such as 65.0 (Salesforce only ever releases {@code NN.0}). */
public record ApiVersion(int major) implements Comparable<ApiVersion> {
  private static final Pattern TEXT = Pattern.compile("(\\d{1,4})\\.0");

  public ApiVersion {
    if (major < 1) {
      throw new IllegalArgumentException("API version " + major);
    }
  }

  /** Parses {@code "65.0"}; null when the text is not a version. */
  static ApiVersion parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = TEXT.matcher(text.trim());
    return m.matches() ? new ApiVersion(Integer.parseInt(m.group(1))) : null;
  }

  /** {@code /services/data/v65.0}. */
  public String restBase() {
    return "/services/data/v" + this;
  }

  /** {@code /services/Soap/u/65.0}, the partner API endpoint. */
  public String soapPath() {
    return "/services/Soap/u/" + this;
  }

  @Override
  public int compareTo(ApiVersion o) {
    return Integer.compare(major, o.major);
  }

  @Override
  public String toString() {
    return major + ".0";
  }
}
