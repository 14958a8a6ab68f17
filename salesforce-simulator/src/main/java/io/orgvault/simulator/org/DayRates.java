package io.orgvault.simulator.org;

/**
 * The activity of one simulated day, as fractions of each data object's live rows (0.01 = 1%), plus
 * a number of new files.
 */
public record DayRates(
    double updated, double deleted, double inserted, double undeleted, int newFiles) {
  /** The change rate of the backup benchmarks: 1% updated, 0.1% deleted, 0.2% inserted. */
  public static DayRates typical() {
    return new DayRates(0.01, 0.001, 0.002, 0.0001, 5);
  }

  public DayRates {
    if (updated < 0 || deleted < 0 || inserted < 0 || undeleted < 0 || newFiles < 0) {
      throw new IllegalArgumentException("rates must not be negative");
    }
  }
}
