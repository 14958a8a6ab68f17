package io.orgvault.simulator.soql;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * SOQL's relative date literals ({@code TODAY}, {@code LAST_N_DAYS:30}, ...), each a range of whole
 * days relative to the org's today, in UTC. Weeks start on Sunday, as in the en_US locale.
 *
 * @param start the first day of the range
 * @param end the day after the last day of the range
 */
record DateLiteral(LocalDate start, LocalDate end) {

  /** The range a literal names, or null when the word is not a date literal. */
  static DateLiteral of(String literal, LocalDate today) {
    String word = literal.toUpperCase(Locale.ROOT);
    int colon = word.indexOf(':');
    if (colon >= 0) {
      long n;
      try {
        n = Long.parseLong(word.substring(colon + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (n < 0) {
        return null;
      }
      return withCount(word.substring(0, colon), n, today);
    }
    LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    LocalDate month = today.withDayOfMonth(1);
    LocalDate quarter = month.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
    LocalDate year = today.withDayOfYear(1);
    return switch (word) {
      case "YESTERDAY" -> days(today.minusDays(1), 1);
      case "TODAY" -> days(today, 1);
      case "TOMORROW" -> days(today.plusDays(1), 1);
      case "LAST_WEEK" -> days(week.minusWeeks(1), 7);
      case "THIS_WEEK" -> days(week, 7);
      case "NEXT_WEEK" -> days(week.plusWeeks(1), 7);
      case "LAST_MONTH" -> new DateLiteral(month.minusMonths(1), month);
      case "THIS_MONTH" -> new DateLiteral(month, month.plusMonths(1));
      case "NEXT_MONTH" -> new DateLiteral(month.plusMonths(1), month.plusMonths(2));
      case "LAST_90_DAYS" -> withCount("LAST_N_DAYS", 90, today);
      case "NEXT_90_DAYS" -> withCount("NEXT_N_DAYS", 90, today);
      case "LAST_QUARTER" -> new DateLiteral(quarter.minusMonths(3), quarter);
      case "THIS_QUARTER" -> new DateLiteral(quarter, quarter.plusMonths(3));
      case "NEXT_QUARTER" -> new DateLiteral(quarter.plusMonths(3), quarter.plusMonths(6));
      case "LAST_YEAR" -> new DateLiteral(year.minusYears(1), year);
      case "THIS_YEAR" -> new DateLiteral(year, year.plusYears(1));
      case "NEXT_YEAR" -> new DateLiteral(year.plusYears(1), year.plusYears(2));
      default -> null;
    };
  }

  private static DateLiteral withCount(String unit, long n, LocalDate today) {
    LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    LocalDate month = today.withDayOfMonth(1);
    LocalDate quarter = month.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
    LocalDate year = today.withDayOfYear(1);
    return switch (unit) {
      // Salesforce: LAST_N_DAYS:n runs from n days ago through today (LAST_N_DAYS:1 is
      // yesterday and today); NEXT_N_DAYS:n starts tomorrow.
      case "LAST_N_DAYS" -> new DateLiteral(today.minusDays(n), today.plusDays(1));
      case "NEXT_N_DAYS" -> new DateLiteral(today.plusDays(1), today.plusDays(1 + n));
      case "N_DAYS_AGO" -> days(today.minusDays(n), 1);
      case "LAST_N_WEEKS" -> new DateLiteral(week.minusWeeks(n), week);
      case "NEXT_N_WEEKS" -> new DateLiteral(week.plusWeeks(1), week.plusWeeks(1 + n));
      case "N_WEEKS_AGO" -> days(week.minusWeeks(n), 7);
      case "LAST_N_MONTHS" -> new DateLiteral(month.minusMonths(n), month);
      case "NEXT_N_MONTHS" -> new DateLiteral(month.plusMonths(1), month.plusMonths(1 + n));
      case "N_MONTHS_AGO" -> new DateLiteral(month.minusMonths(n), month.minusMonths(n - 1));
      case "LAST_N_QUARTERS" -> new DateLiteral(quarter.minusMonths(3 * n), quarter);
      case "NEXT_N_QUARTERS" ->
          new DateLiteral(quarter.plusMonths(3), quarter.plusMonths(3 + 3 * n));
      case "N_QUARTERS_AGO" ->
          new DateLiteral(quarter.minusMonths(3 * n), quarter.minusMonths(3 * (n - 1)));
      case "LAST_N_YEARS" -> new DateLiteral(year.minusYears(n), year);
      case "NEXT_N_YEARS" -> new DateLiteral(year.plusYears(1), year.plusYears(1 + n));
      case "N_YEARS_AGO" -> new DateLiteral(year.minusYears(n), year.minusYears(n - 1));
      default -> null;
    };
  }

  private static DateLiteral days(LocalDate start, int count) {
    return new DateLiteral(start, start.plusDays(count));
  }
}
