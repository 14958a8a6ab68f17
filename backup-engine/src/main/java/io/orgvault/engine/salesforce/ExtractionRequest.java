package io.orgvault.engine.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to extract from one object: which fields (by default every field but file bodies and
 * compound fields), which change window of its timestamp field ({@code SystemModstamp}: from
 * inclusive, to exclusive), whether records in the recycle bin are included ({@code queryAll}), and
 * how ({@link ExtractionMethod#AUTO} by default).
 */
public final class ExtractionRequest {
  private static final DateTimeFormatter SOQL_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final SObjectDescription object;
  private final List<FieldDescription> fields;
  private final Instant modifiedFrom;
  private final Instant modifiedTo;
  private final boolean includeDeleted;
  private final ExtractionMethod method;

  private ExtractionRequest(Builder b) {
    this.object = b.object;
    this.fields = List.copyOf(b.fields);
    this.modifiedFrom = b.modifiedFrom;
    this.modifiedTo = b.modifiedTo;
    this.includeDeleted = b.includeDeleted;
    this.method = b.method;
  }

  public static Builder of(SObjectDescription object) {
    return new Builder(object);
  }

  public SObjectDescription object() {
    return object;
  }

  public List<FieldDescription> fields() {
    return fields;
  }

  public Instant modifiedFrom() {
    return modifiedFrom;
  }

  public Instant modifiedTo() {
    return modifiedTo;
  }

  public boolean includeDeleted() {
    return includeDeleted;
  }

  public ExtractionMethod method() {
    return method;
  }

  /** {@code SELECT <fields> FROM <object> [WHERE <window> [AND <extra>]]}. */
  String soql(String extraCondition, boolean orderById) {
    StringBuilder q = new StringBuilder("SELECT ");
    for (int i = 0; i < fields.size(); i++) {
      q.append(i == 0 ? "" : ", ").append(fields.get(i).name());
    }
    q.append(" FROM ").append(object.name());
    List<String> where = new ArrayList<>();
    String ts = object.timestampField().orElse(null);
    if (modifiedFrom != null) {
      where.add(ts + " >= " + SOQL_DATETIME.format(modifiedFrom));
    }
    if (modifiedTo != null) {
      where.add(ts + " < " + SOQL_DATETIME.format(modifiedTo));
    }
    if (extraCondition != null) {
      where.add(extraCondition);
    }
    if (!where.isEmpty()) {
      q.append(" WHERE ").append(String.join(" AND ", where));
    }
    if (orderById) {
      q.append(" ORDER BY Id");
    }
    return q.toString();
  }

  /** {@code SELECT COUNT() FROM <object> [WHERE <window>]}. */
  String countSoql() {
    String select = soql(null, false);
    return "SELECT COUNT()" + select.substring(select.indexOf(" FROM "));
  }

  /** A fingerprint of the query, so that a checkpoint is only applied to the same query. */
  public String signature() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((soql(null, false) + "|" + includeDeleted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds an {@link ExtractionRequest}. */
  public static final class Builder {
    private final SObjectDescription object;
    private List<FieldDescription> fields;
    private Instant modifiedFrom;
    private Instant modifiedTo;
    private boolean includeDeleted;
    private ExtractionMethod method = ExtractionMethod.AUTO;

    private Builder(SObjectDescription object) {
      this.object = Objects.requireNonNull(object, "object");
      this.fields = object.extractableFields();
    }

    /** Only these fields (Id and the timestamp field are always added). */
    public Builder fields(List<String> names) {
      Map<String, FieldDescription> byName = object.fieldsByLowerName();
      List<FieldDescription> chosen = new ArrayList<>();
      for (String n : names) {
        FieldDescription f = byName.get(n.toLowerCase(Locale.ROOT));
        if (f == null) {
          throw new IllegalArgumentException(object.name() + " has no field " + n);
        }
        if (!f.extractable()) {
          throw new IllegalArgumentException(
              object.name() + "." + f.name() + " (" + f.type() + ") cannot be selected in a query");
        }
        chosen.add(f);
      }
      this.fields = chosen;
      return this;
    }

    public Builder modifiedFrom(Instant inclusive) {
      modifiedFrom = inclusive;
      return this;
    }

    public Builder modifiedTo(Instant exclusive) {
      modifiedTo = exclusive;
      return this;
    }

    public Builder includeDeleted(boolean v) {
      includeDeleted = v;
      return this;
    }

    public Builder method(ExtractionMethod v) {
      method = Objects.requireNonNull(v);
      return this;
    }

    public ExtractionRequest build() {
      if (!object.queryable()) {
        throw new IllegalArgumentException(object.name() + " is not queryable");
      }
      if ((modifiedFrom != null || modifiedTo != null) && object.timestampField().isEmpty()) {
        throw new IllegalArgumentException(
            object.name() + " has no timestamp field to select a change window by");
      }
      if (modifiedFrom != null && modifiedTo != null && !modifiedFrom.isBefore(modifiedTo)) {
        throw new IllegalArgumentException("an empty change window");
      }
      // Id first, then the timestamp field, then the rest in describe order, each once.
      Map<String, FieldDescription> ordered = new LinkedHashMap<>();
      object.field("Id").ifPresent(f -> ordered.put("id", f));
      object
          .timestampField()
          .flatMap(object::field)
          .ifPresent(f -> ordered.put(f.name().toLowerCase(Locale.ROOT), f));
      for (FieldDescription f : fields) {
        ordered.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f);
      }
      if (!ordered.containsKey("id")) {
        throw new IllegalArgumentException(object.name() + " has no Id field");
      }
      fields = new ArrayList<>(ordered.values());
      return new ExtractionRequest(this);
    }
  }
}
