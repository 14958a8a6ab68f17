package io.orgvault.audit.query;

/** The export formats; both carry the same columns (see {@link EventColumns}). */
public enum ExportFormat {
  /** RFC 4180 with a header line; cells that a spreadsheet would run as a formula are defused. */
  CSV,
  /** One JSON object per line (JSON Lines), absent values as null. */
  JSON_LINES
}
