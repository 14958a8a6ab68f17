package io.orgvault.web.data.service;

import io.orgvault.engine.salesforce.SalesforceIds;
import io.orgvault.web.api.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of what a caller names before any of it reaches a sandbox: API names, record Ids, backup
 * numbers, page sizes, cursors. Each refusal is a 400 naming the parameter, never quoting it.
 */
public final class DataInput {
  /** An object or field API name as Salesforce allows them (custom ones end in {@code __c}). */
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  /** Cursors are the engine's sealed tokens: URL-safe base64 of a bounded size. */
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=.-]{1,4096}");

  public static final Set<String> KINDS = Set.of("added", "deleted", "changed");

  /** The engine's caps (the sandbox's too): records or changes per page, versions per page. */
  public static final int MAX_PAGE = 1000;

  public static final int MAX_HISTORY_PAGE = 200;
  public static final int MAX_TEXT = 200;

  /** Objects or fields one compare filter names (it travels in one request line and one row). */
  public static final int MAX_FILTER = 40;

  private DataInput() {}

  public static String apiName(String name, String param) {
    if (name == null || !API_NAME.matcher(name).matches()) {
      throw ApiProblem.badRequest(
          "invalid_" + param, param + " must be an API name (a letter, then letters, digits, _)");
    }
    return name;
  }

  /** The 18-character form of a 15- or 18-character record Id. */
  public static String recordId(String id) {
    String full = SalesforceIds.to18(id);
    if (full == null) {
      throw ApiProblem.badRequest(
          "invalid_record_id", "a record Id is 15 or 18 letters and digits (with a valid suffix)");
    }
    return full;
  }

  /** {@code latest} (null) or a backup number from 1. */
  public static Long backup(String text) {
    if (text == null || text.equals("latest")) {
      return null;
    }
    return number(text, "backup");
  }

  public static long number(String text, String param) {
    try {
      long n = Long.parseLong(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiProblem.badRequest("invalid_" + param, param + " must be a backup number from 1");
  }

  public static int limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw ApiProblem.badRequest("invalid_limit", "limit must be 1 to " + max);
    }
    return limit;
  }

  public static String cursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    if (!CURSOR.matcher(cursor).matches()) {
      throw ApiProblem.badRequest("invalid_cursor", "the cursor is not one this API gave out");
    }
    return cursor;
  }

  public static String text(String text, String param) {
    if (text != null && text.length() > MAX_TEXT) {
      throw ApiProblem.badRequest(
          "invalid_" + param, param + " is at most " + MAX_TEXT + " characters");
    }
    return text;
  }

  public static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApiProblem.badRequest(
          "invalid_at", "at must be an ISO-8601 instant (2025-01-31T12:00:00Z)");
    }
  }

  /** A compare filter: API names for objects and fields, kinds from {@link #KINDS}. */
  public static CompareFilterInput filter(
      List<String> objects, List<String> kinds, List<String> fields) {
    if (size(objects) > MAX_FILTER || size(fields) > MAX_FILTER) {
      throw ApiProblem.badRequest(
          "invalid_filter", "a filter names at most " + MAX_FILTER + " objects and fields");
    }
    Set<String> o = new LinkedHashSet<>();
    for (String s : objects == null ? List.<String>of() : objects) {
      o.add(apiName(s, "object"));
    }
    Set<String> k = new LinkedHashSet<>();
    for (String s : kinds == null ? List.<String>of() : kinds) {
      if (!KINDS.contains(s)) {
        throw ApiProblem.badRequest("invalid_kind", "kind is added, deleted or changed");
      }
      k.add(s);
    }
    Set<String> f = new LinkedHashSet<>();
    for (String s : fields == null ? List.<String>of() : fields) {
      f.add(apiName(s, "field"));
    }
    return new CompareFilterInput(o, k, f);
  }

  private static int size(List<String> l) {
    return l == null ? 0 : l.size();
  }

  /** Two backups to compare, the earlier first. */
  public static void pair(long from, long to) {
    if (from >= to) {
      throw ApiProblem.badRequest("invalid_backup_pair", "from must be an earlier backup than to");
    }
  }

  /** What a compare (or compare export) is filtered by; empty sets: everything. */
  public record CompareFilterInput(Set<String> objects, Set<String> kinds, Set<String> fields) {}
}
