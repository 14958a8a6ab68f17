package io.orgvault.simulator.rest;

import io.orgvault.simulator.http.ApiException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} insert of a record with a file body, as the REST API guide's
 * "Insert or Update Blob Data" describes it: a first part with the record's non-binary fields as
 * JSON (named {@code entity_content}, {@code entity_document}, ...: Salesforce goes by its position
 * and JSON type, not its name), then a binary part named after the blob field (e.g. {@code
 * VersionData}, {@code Body}). The request is read as a stream, part by part, so a body is copied
 * once, into the record.
 */
final class BlobMultipart {
  /**
   * Salesforce takes up to 2 GB for ContentVersion, 500 MB otherwise; the simulator holds bodies in
   * memory.
   */
  static final long MAX_BLOB_BYTES = 500L * 1024 * 1024;

  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int MAX_ENTITY_BYTES = 1024 * 1024;
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");

  /** The parsed request: the entity JSON, the binary part's name and bytes. */
  record Parts(byte[] entity, String blobField, byte[] blob) {}

  private BlobMultipart() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  static Parts read(String contentType, InputStream raw) throws IOException {
    Matcher b = BOUNDARY.matcher(contentType);
    if (!b.find()) {
      throw malformed("the multipart request has no boundary");
    }
    String boundary = b.group(1) != null ? b.group(1) : b.group(2);
    InputStream in = new BufferedInputStream(raw, 64 * 1024);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // The body starts with the first delimiter (its leading CRLF is optional there).
    skipPreamble(in, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
    if (!nextPartFollows(in)) {
      throw malformed("the multipart request has no parts");
    }
    String entityHeaders = headers(in);
    ByteArrayOutputStream entity = new ByteArrayOutputStream();
    copyUntil(in, delimiter, entity, MAX_ENTITY_BYTES);
    if (!entityHeaders.toLowerCase(Locale.ROOT).contains("application/json")) {
      throw malformed("the first part must hold the record's fields as application/json");
    }
    if (!nextPartFollows(in)) {
      throw malformed("the multipart request has no binary part");
    }
    Matcher name = NAME.matcher(headers(in));
    if (!name.find()) {
      throw malformed("the binary part has no name");
    }
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    copyUntil(in, delimiter, blob, MAX_BLOB_BYTES);
    if (nextPartFollows(in)) {
      throw malformed("a blob insert takes two parts");
    }
    return new Parts(entity.toByteArray(), name.group(1), blob.toByteArray());
  }

  private static void skipPreamble(InputStream in, byte[] first) throws IOException {
    int matched = 0;
    long read = 0;
    while (matched < first.length) {
      int c = in.read();
      if (c < 0 || ++read > MAX_HEADER_BYTES) {
        throw malformed("the multipart request does not start with its boundary");
      }
      matched = c == first[matched] ? matched + 1 : (c == first[0] ? 1 : 0);
    }
  }

  /** After a delimiter: CRLF (another part) or "--" (the end). */
  private static boolean nextPartFollows(InputStream in) throws IOException {
    int a = in.read();
    int b = in.read();
    if (a == '-' && b == '-') {
      return false;
    }
    if (a == '\r' && b == '\n') {
      return true;
    }
    throw malformed("the multipart request is not well formed after a boundary");
  }

  /** A part's header lines, up to the empty line. */
  private static String headers(InputStream in) throws IOException {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    int state = 0; // how much of CRLFCRLF has been seen
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (state < 4) {
      int c = in.read();
      if (c < 0 || h.size() > MAX_HEADER_BYTES) {
        throw malformed("a part's headers do not end");
      }
      h.write(c);
      state = c == end[state] ? state + 1 : (c == '\r' ? 1 : 0);
    }
    return h.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Copies bytes up to the next delimiter, which is consumed. The delimiter starts with a CR that
   * occurs nowhere else in it, so on a mismatch the bytes matched so far are content and matching
   * restarts at the current byte.
   */
  private static void copyUntil(
      InputStream in, byte[] delimiter, ByteArrayOutputStream out, long max) throws IOException {
    int matched = 0;
    while (matched < delimiter.length) {
      int c = in.read();
      if (c < 0) {
        throw malformed("the multipart request is not terminated by its closing boundary");
      }
      if (c == delimiter[matched]) {
        matched++;
        continue;
      }
      if (matched > 0) {
        out.write(delimiter, 0, matched);
        matched = 0;
      }
      if (c == delimiter[0]) {
        matched = 1;
      } else {
        out.write(c);
      }
      if (out.size() > max) {
        throw new ApiException(
            413, "REQUEST_ENTITY_TOO_LARGE", "The file exceeds the maximum size of " + max);
      }
    }
  }

  private static ApiException malformed(String why) {
    return ApiException.badRequest("MALFORMED_REQUEST", "Malformed multipart request: " + why);
  }
}
