package io.orgvault.simulator.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API versions the simulator serves, as {@code /services/data/} lists them. */
public final class ApiVersions {
  public static final int OLDEST = 31;
  public static final int LATEST = 65;

  private static final Pattern VERSIONED = Pattern.compile("^/services/data/v(\\d+)\\.0(/.*)?$");

  private ApiVersions() {}

  /** The major version in a {@code /services/data/vNN.0/...} path, or -1. */
  public static int of(String path) {
    Matcher m = VERSIONED.matcher(path);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The part of a versioned path after {@code vNN.0}, e.g. {@code /sobjects/Account}. */
  public static String rest(String path) {
    Matcher m = VERSIONED.matcher(path);
    return m.matches() && m.group(2) != null ? m.group(2) : "";
  }

  public static boolean supported(int version) {
    return version >= OLDEST && version <= LATEST;
  }

  /** The release name of a version, e.g. 65 → "Winter '26". */
  public static String label(int version) {
    // Three releases a year; version 31.0 was Summer '14, 32.0 Winter '15, 33.0 Spring '15.
    int index = version - 31;
    int year = 14 + Math.floorDiv(index + 2, 3);
    String season = new String[] {"Summer", "Winter", "Spring"}[Math.floorMod(index, 3)];
    return season + " '" + String.format("%02d", Math.floorMod(year, 100));
  }
}
