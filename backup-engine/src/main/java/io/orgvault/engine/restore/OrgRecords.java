package io.orgvault.engine.restore;

import io.orgvault.engine.salesforce.RecordStream;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the current state of records in the target org with {@code queryAll}, so records in the
 * recycle bin are seen ({@code IsDeleted = true}) and a purged record is simply absent. Ids and
 * external Id values go into {@code IN (...)} lists of at most {@link #VALUES_PER_QUERY}, which
 * keeps each SOQL statement far below Salesforce's 100,000-character limit.
 */
final class OrgRecords {
  static final int VALUES_PER_QUERY = 200;

  private static final DateTimeFormatter REST_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

  /** A record as the org holds it now, values canonical. */
  record OrgRecord(
      String id, boolean deleted, Instant systemModstamp, Map<String, Object> values) {}

  private final SalesforceClient client;

  OrgRecords(SalesforceClient client) {
    this.client = client;
  }

  /** The records among {@code ids} that exist (live or in the recycle bin), by Id. */
  Map<String, OrgRecord> byId(
      String object, Map<String, ValueKind> fields, Collection<String> ids) {
    return query(object, fields, "Id", ids, "Id");
  }

  /** The records whose external Id field holds one of {@code values}, by that value. */
  Map<String, OrgRecord> byExternalId(
      String object, String field, Map<String, ValueKind> fields, Collection<String> values) {
    return query(object, fields, field, values, field);
  }

  private Map<String, OrgRecord> query(
      String object,
      Map<String, ValueKind> fields,
      String matchField,
      Collection<String> values,
      String keyField) {
    Map<String, OrgRecord> out = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(values);
    List<String> select = new ArrayList<>(List.of("Id", "IsDeleted", "SystemModstamp"));
    fields.keySet().stream().filter(f -> !select.contains(f)).forEach(select::add);
    if (!select.contains(matchField)) {
      select.add(matchField);
    }
    for (int i = 0; i < all.size(); i += VALUES_PER_QUERY) {
      StringBuilder in = new StringBuilder();
      for (String v : all.subList(i, Math.min(all.size(), i + VALUES_PER_QUERY))) {
        in.append(in.length() == 0 ? "" : ",").append(quote(v));
      }
      String soql =
          "SELECT "
              + String.join(", ", select)
              + " FROM "
              + object
              + " WHERE "
              + matchField
              + " IN ("
              + in
              + ")";
      try (RecordStream<Map<String, Object>> rs = client.query(soql, true)) {
        while (rs.hasNext()) {
          Map<String, Object> raw = rs.next();
          Map<String, Object> vals = new LinkedHashMap<>();
          fields.forEach((f, k) -> vals.put(f, canonical(k, raw.get(f))));
          String id = (String) raw.get("Id");
          OrgRecord r =
              new OrgRecord(
                  id,
                  Boolean.TRUE.equals(raw.get("IsDeleted")),
                  dateTime(raw.get("SystemModstamp")),
                  vals);
          Object key = keyField.equals("Id") ? id : raw.get(keyField);
          if (key != null) {
            out.put(key.toString(), r);
          }
        }
      }
    }
    return out;
  }

  /** A SOQL string literal. */
  static String quote(String v) {
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A raw REST JSON value as the store's canonical value of that kind. */
  static Object canonical(ValueKind kind, Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (kind) {
      case STRING -> raw.toString();
      case BOOLEAN -> raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString());
      case LONG ->
          raw instanceof BigDecimal d ? d.longValueExact() : Long.parseLong(raw.toString());
      case DECIMAL -> raw instanceof BigDecimal d ? d : new BigDecimal(raw.toString());
      case DATE -> LocalDate.parse(raw.toString());
      case INSTANT -> dateTime(raw);
      case BLOB -> null;
    };
  }

  static Instant dateTime(Object raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.toString();
    if (s.endsWith("Z")) {
      return Instant.parse(s);
    }
    return OffsetDateTime.parse(s, REST_DATE_TIME).toInstant();
  }
}
