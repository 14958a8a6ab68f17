package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words a text search matches and the segment text index stores: lower-case runs of letters and
 * digits, split at anything else, so {@code john.smith@x.com} gives {@code john}, {@code smith},
 * {@code x}, {@code com}. A query matches a record when every query word is the start of a word in
 * one of the record's searchable fields.
 */
public final class TextTokens {
  /** Index entries keep at most this many characters of a word; longer words share the entry. */
  public static final int MAX_TOKEN_CHARS = 64;

  /** A field with more words than this has the rest unindexed (its row is listed as such). */
  public static final int MAX_TOKENS_PER_FIELD = 64;

  /** A row with more words than this has the rest unindexed (the row is listed as such). */
  public static final int MAX_TOKENS_PER_ROW = 256;

  /** Salesforce field types searched by text besides name-like string fields. */
  public static final Set<String> SEARCH_TYPES = Set.of("email", "phone");

  private TextTokens() {}

  /**
   * The searchable fields of a schema: fields of type {@code string} named {@code Name}, ending in
   * {@code Name} ({@code FirstName}, {@code CompanyName}), {@code Title} or {@code Subject}, and
   * every field of type {@code email} or {@code phone}.
   */
  public static List<String> searchableFields(List<FieldSchema> schema) {
    List<String> out = new ArrayList<>();
    for (FieldSchema f : schema) {
      String n = f.name();
      boolean nameLike =
          f.type().equals("string")
              && (n.endsWith("Name") || n.equals("Title") || n.equals("Subject"));
      if (nameLike || SEARCH_TYPES.contains(f.type())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Every word of {@code text}, in order, lower-case, full length (no limits applied). */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && !isWordChar(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      int start = i;
      while (i < n && isWordChar(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i > start) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The form a word takes in the index: its first {@link #MAX_TOKEN_CHARS} characters. */
  static String indexForm(String word) {
    if (word.length() <= MAX_TOKEN_CHARS) {
      return word;
    }
    int end = MAX_TOKEN_CHARS;
    if (Character.isHighSurrogate(word.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return word.substring(0, end);
  }

  /**
   * True if every query word starts a word of a searchable field's string value. This is the
   * search's definition; the index only narrows which rows are tested against it.
   */
  public static boolean matches(
      Map<String, Object> fields, List<String> searchable, List<String> queryWords) {
    List<String> recordWords = new ArrayList<>();
    for (String f : searchable) {
      if (fields.get(f) instanceof String s) {
        recordWords.addAll(words(s));
      }
    }
    for (String q : queryWords) {
      boolean found = false;
      for (String w : recordWords) {
        if (w.startsWith(q)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }
}
