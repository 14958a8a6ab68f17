package io.orgvault.simulator.bulk;

import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.org.Catalog;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryResult;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What Bulk API 2.0 refuses to query even though SOQL accepts it: GROUP BY, OFFSET and TYPEOF,
 * aggregate functions such as COUNT(), parent-to-child subqueries, base64 fields and objects that
 * are not bulk-queryable. Refused queries fail the create request with HTTP 400.
 */
final class BulkQueryRules {
  private static final Pattern GROUP_BY = Pattern.compile("\\bGROUP\\s+BY\\b");
  private static final Pattern OFFSET = Pattern.compile("\\bOFFSET\\b");
  private static final Pattern TYPEOF = Pattern.compile("\\bTYPEOF\\b");
  private static final Pattern AGGREGATE =
      Pattern.compile("\\b(COUNT|COUNT_DISTINCT|SUM|AVG|MIN|MAX)\\s*\\(");
  private static final Pattern SUBQUERY = Pattern.compile("\\(\\s*SELECT\\b");
  private static final Pattern FROM = Pattern.compile("\\bFROM\\b");
  private static final Pattern OBJECT_NAME = Pattern.compile("\\s+(\\w+)");

  private BulkQueryRules() {}

  /** Checks the text of a query before it runs, including the object it names. */
  static void checkText(Catalog catalog, String soql) {
    String blanked = withoutLiterals(soql);
    String code = blanked.toUpperCase(Locale.ROOT);
    var from = FROM.matcher(code);
    boolean hasFrom = from.find();
    String selectList = hasFrom ? code.substring(0, from.start()) : code;
    if (hasFrom) {
      var object = OBJECT_NAME.matcher(blanked).region(from.end(), blanked.length());
      SObjectSchema s = object.lookingAt() ? catalog.object(object.group(1)) : null;
      if (s != null) {
        checkObject(s);
      }
    }
    if (SUBQUERY.matcher(selectList).find()) {
      throw refused("Aggregate Relationships not supported in Bulk Query");
    }
    if (AGGREGATE.matcher(selectList).find()) {
      throw refused("Aggregate queries are not supported in Bulk Query");
    }
    if (GROUP_BY.matcher(code).find()) {
      throw refused("GROUP BY is not supported in Bulk Query");
    }
    if (OFFSET.matcher(code).find()) {
      throw refused("OFFSET is not supported in Bulk Query");
    }
    if (TYPEOF.matcher(code).find()) {
      throw refused("TYPEOF is not supported in Bulk Query");
    }
  }

  /** Checks what the query selects, once the engine has resolved it. */
  static void checkResult(Catalog catalog, QueryResult result) {
    checkObject(result.object());
    if (result.isCount()) {
      throw refused("Aggregate queries are not supported in Bulk Query");
    }
    for (Column c : result.columns()) {
      FieldDef f = ColumnReader.field(catalog, result, c);
      if (f != null && f.type() == FieldType.BASE64) {
        throw refused("Selecting base64 data not supported in Bulk Query");
      }
    }
  }

  /** Objects Bulk API cannot query are refused whatever the query (400 INVALIDENTITY). */
  private static void checkObject(SObjectSchema object) {
    if (!object.bulkQueryable()) {
      throw new ApiException(
          400, "INVALIDENTITY", "Entity '" + object.name() + "' is not supported by the Bulk API.");
    }
  }

  private static ApiException refused(String message) {
    return BulkErrors.apiError(message);
  }

  /** The query with its string literals blanked, so keywords inside them do not count. */
  static String withoutLiterals(String soql) {
    StringBuilder sb = new StringBuilder(soql.length());
    boolean inLiteral = false;
    for (int i = 0; i < soql.length(); i++) {
      char c = soql.charAt(i);
      if (inLiteral) {
        if (c == '\\' && i + 1 < soql.length()) {
          i++;
          sb.append("  ");
          continue;
        }
        if (c == '\'') {
          inLiteral = false;
        }
        sb.append(c == '\'' ? c : ' ');
      } else {
        if (c == '\'') {
          inLiteral = true;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
