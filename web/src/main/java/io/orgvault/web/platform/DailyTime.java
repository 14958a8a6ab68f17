package io.orgvault.web.platform;

import io.orgvault.web.api.ApiProblem;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** A time of day in a tenant's IANA time zone, as daily backups and retention are set. */
public record DailyTime(LocalTime at, ZoneId zone) {
  static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

  /**
   * Reads {@code HH:mm} and a zone id from a request; a 400 names the field ({@code
   * invalid_<field>} for the time, {@code invalid_time_zone} for the zone).
   */
  public static DailyTime parse(String hhmm, String timeZone, String timeField) {
    if (hhmm == null || !HH_MM.matcher(hhmm).matches()) {
      throw ApiProblem.badRequest(
          "invalid_" + snake(timeField), timeField + " must be HH:mm, 00:00 to 23:59");
    }
    try {
      return new DailyTime(LocalTime.parse(hhmm), ZoneId.of(timeZone == null ? "" : timeZone));
    } catch (DateTimeException e) {
      throw ApiProblem.badRequest(
          "invalid_time_zone", "timeZone must be an IANA zone such as Europe/Berlin");
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
