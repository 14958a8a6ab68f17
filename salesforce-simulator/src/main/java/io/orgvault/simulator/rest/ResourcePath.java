package io.orgvault.simulator.rest;

import io.orgvault.simulator.http.ApiVersions;
import io.orgvault.simulator.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a REST path after {@code /services/data/vNN.0}, split into decoded segments.
 * Splitting happens on the raw path so an encoded slash inside an external Id value stays one
 * segment.
 *
 * @param version the API major version, or -1 for the unversioned {@code /services/data}
 */
record ResourcePath(int version, List<String> segments) {
  private static final String DATA = "/services/data/";

  static ResourcePath of(Request request) {
    String raw = request.exchange().getRequestURI().getRawPath();
    int version = ApiVersions.of(request.path());
    List<String> segments = new ArrayList<>();
    if (version >= 0 && raw.startsWith(DATA)) {
      String[] parts = raw.substring(DATA.length()).split("/");
      // parts[0] is the vNN.0 segment itself
      for (int i = 1; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          segments.add(decode(parts[i]));
        }
      }
    }
    return new ResourcePath(version, List.copyOf(segments));
  }

  private static String decode(String segment) {
    // A path segment keeps '+' literally; only %XX escapes are decoded.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  int size() {
    return segments.size();
  }

  String get(int i) {
    return segments.get(i);
  }

  /** The path prefix of this version: {@code /services/data/v65.0}. */
  String base() {
    return baseOf(version);
  }

  static String baseOf(int version) {
    return "/services/data/v" + version + ".0";
  }
}
