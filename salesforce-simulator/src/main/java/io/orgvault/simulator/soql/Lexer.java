package io.orgvault.simulator.soql;

import io.orgvault.simulator.soql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a query into tokens. SOQL has no arithmetic, so a minus before a digit signs a number. */
final class Lexer {
  /** A date, optionally with a time; the zone is checked apart to give a precise error. */
  private static final Pattern DATE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?)?");

  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");

  private Lexer() {}

  /** A lexical error: it becomes an ERROR token so earlier syntax errors are reported first. */
  private static final class LexError extends RuntimeException {
    final int offset;

    LexError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  static List<Token> tokens(QueryText q) {
    List<Token> out = new ArrayList<>();
    try {
      read(q, out);
    } catch (LexError e) {
      out.add(new Token(Kind.ERROR, e.getMessage(), e.offset));
      out.add(new Token(Kind.EOF, "", q.length()));
    }
    return out;
  }

  private static void read(QueryText q, List<Token> out) {
    String s = q.text();
    int i = 0;
    Matcher date = DATE.matcher(s);
    Matcher number = NUMBER.matcher(s);
    while (true) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        out.add(new Token(Kind.EOF, "", s.length()));
        return;
      }
      char c = s.charAt(i);
      int start = i;
      if (Character.isLetter(c) || c == '_') {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), start));
      } else if (c == '\'') {
        i = endOfString(q, start);
        out.add(new Token(Kind.STRING, s.substring(start + 1, i - 1), start));
      } else if (Character.isDigit(c) && date.region(i, s.length()).lookingAt()) {
        i = date.end();
        boolean hasTime = date.group(1) != null;
        if (hasTime && date.group(3) == null) {
          String next = i < s.length() ? String.valueOf(s.charAt(i)) : "<EOF>";
          throw new LexError(
              i, q.lineColumn(i) + " no viable alternative at character '" + next + "'");
        }
        i = checkTokenEnd(q, i);
        out.add(new Token(hasTime ? Kind.DATETIME : Kind.DATE, s.substring(start, i), start));
      } else if ((Character.isDigit(c) || c == '-' || c == '+' || c == '.')
          && number.region(i, s.length()).lookingAt()) {
        i = checkTokenEnd(q, number.end());
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
      } else {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
          i += 2;
        } else {
          i++;
        }
        out.add(new Token(Kind.SYMBOL, s.substring(start, i), start));
      }
    }
  }

  /** A number or date must not run into a word: {@code 5abc} is not two tokens. */
  private static int checkTokenEnd(QueryText q, int end) {
    String s = q.text();
    if (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
      int stop = end;
      while (stop < s.length() && Character.isLetterOrDigit(s.charAt(stop))) {
        stop++;
      }
      throw new LexError(end, "unexpected token: '" + s.substring(end, stop) + "'");
    }
    return end;
  }

  /** The offset just past the closing quote of the string starting at {@code start}. */
  private static int endOfString(QueryText q, int start) {
    String s = q.text();
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '\'') {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new LexError(
        s.length(), q.lineColumn(s.length()) + " mismatched character '<EOF>' expecting '''");
  }

  /**
   * The value of a string literal's content. In a LIKE pattern, {@code \%} and {@code \_} stay
   * escaped (marked by a backslash) so they match themselves; elsewhere they are the plain
   * characters.
   */
  static String unescape(QueryText q, Token t, boolean likePattern) {
    String raw = t.text();
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = i + 1 < raw.length() ? raw.charAt(i + 1) : '\0';
      i++;
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case '"', '\'' -> sb.append(e);
        case '\\' -> sb.append(likePattern ? "\\\\" : "\\");
        case '%', '_' -> sb.append(likePattern ? "\\" + e : String.valueOf(e));
        case 'u' -> {
          if (i + 4 < raw.length() && raw.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            throw badEscape(q, t, "\\u");
          }
        }
        default -> throw badEscape(q, t, "\\" + e);
      }
    }
    return sb.toString();
  }

  private static SoqlException badEscape(QueryText q, Token t, String seq) {
    return q.error(
        "MALFORMED_QUERY",
        t.offset(),
        "Invalid string literal '"
            + t.text()
            + "'. Illegal character sequence '"
            + seq
            + "' in string literal.");
  }
}
