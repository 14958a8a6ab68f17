package io.orgvault.sandbox.launch;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a sandbox's output line by line without trusting it: a line longer than {@link
 * #MAX_LINE_CHARS} is cut there (marked {@value #CUT}) and the rest of it skipped, so a sandbox
 * printing without newlines cannot fill the host's memory.
 */
final class BoundedLineReader {
  /** The longest line kept; a job's protocol lines are far shorter. */
  static final int MAX_LINE_CHARS = 256 * 1024;

  static final String CUT = "...[line cut]";

  private final Reader in;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;

  BoundedLineReader(Reader in) {
    this.in = in;
  }

  /** The next line without its newline, or null at the end. */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean cut = false;
    while (true) {
      if (pos == end) {
        end = in.read(buf);
        pos = 0;
        if (end < 0) {
          end = 0;
          return line.length() == 0 && !cut ? null : finish(line, cut);
        }
      }
      char c = buf[pos++];
      if (c == '\n') {
        return finish(line, cut);
      }
      if (line.length() < MAX_LINE_CHARS) {
        line.append(c);
      } else {
        cut = true;
      }
    }
  }

  private static String finish(StringBuilder line, boolean cut) {
    return cut ? line.append(CUT).toString() : line.toString();
  }
}
