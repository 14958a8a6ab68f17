package io.orgvault.simulator.bulk;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} request body, as a multipart create-job request sends it: a {@code
 * job} part with the job's JSON and a {@code content} part with its CSV. Parts may be separated by
 * CRLF or, as in Salesforce's own example, by bare LF.
 */
final class MultipartBody {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");

  private final Map<String, String> parts = new LinkedHashMap<>();

  private MultipartBody() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /** Parses a body; a body that is not well formed is refused with 400. */
  static MultipartBody parse(String contentType, byte[] body) {
    Matcher b = BOUNDARY.matcher(contentType);
    if (!b.find()) {
      throw BulkErrors.apiError("The multipart request has no boundary");
    }
    String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
    String text = new String(body, StandardCharsets.UTF_8);
    MultipartBody out = new MultipartBody();
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (text.startsWith("--", start)) {
        return out; // the closing delimiter
      }
      int next = text.indexOf("\n" + delimiter, start);
      if (next < 0) {
        break;
      }
      int end = next > 0 && text.charAt(next - 1) == '\r' ? next - 1 : next;
      out.addPart(text.substring(start, end));
      at = next + 1;
    }
    throw BulkErrors.apiError("The multipart request is not terminated by its closing boundary");
  }

  private void addPart(String raw) {
    String part =
        raw.startsWith("\r\n") ? raw.substring(2) : raw.startsWith("\n") ? raw.substring(1) : raw;
    int crlf = part.indexOf("\r\n\r\n");
    int lf = part.indexOf("\n\n");
    int split;
    int skip;
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      split = crlf;
      skip = 4;
    } else if (lf >= 0) {
      split = lf;
      skip = 2;
    } else {
      throw BulkErrors.apiError("A part of the multipart request has no headers");
    }
    Matcher name = NAME.matcher(part.substring(0, split));
    if (name.find()) {
      parts.put(name.group(1), part.substring(split + skip));
    }
  }

  /** The content of a named part, or null. */
  String part(String name) {
    return parts.get(name);
  }
}
