package io.orgvault.simulator.bulk;

/** The {@code lineEnding} values a Bulk API 2.0 job accepts. */
enum LineEnding {
  LF("\n"),
  CRLF("\r\n");

  private final String text;

  LineEnding(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
