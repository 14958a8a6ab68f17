package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.FieldPath.Hop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves dotted names ({@code Account.Owner.Username}) against the queried object's describe,
 * with Salesforce's errors for names it does not know.
 */
final class PathResolver {
  /**
   * Fields of Salesforce's {@code Name} entity, which a polymorphic relationship exposes even when
   * not every target has them (the others give null).
   */
  private static final Set<String> NAME_ENTITY_FIELDS =
      Set.of(
          "id",
          "name",
          "firstname",
          "lastname",
          "alias",
          "email",
          "phone",
          "title",
          "username",
          "isactive",
          "type");

  private final Org org;
  private final QueryText q;
  private final SObjectSchema root;
  private final ObjectTable rootTable;
  private final String alias;

  PathResolver(Org org, QueryText q, SObjectSchema root, String alias) {
    this.org = org;
    this.q = q;
    this.root = root;
    this.rootTable = org.table(root.name());
    this.alias = alias;
  }

  FieldPath resolve(SoqlQuery.Path path) {
    List<Token> segs = path.segments();
    if (segs.size() > 1) {
      String first = segs.get(0).text();
      boolean prefix =
          first.equalsIgnoreCase(root.name()) || alias != null && first.equalsIgnoreCase(alias);
      if (prefix && root.relationship(first) == null) {
        segs = segs.subList(1, segs.size()); // SELECT Contact.LastName FROM Contact
      }
    }
    List<Hop> hops = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<SObjectSchema> current = List.of(root);
    for (int i = 0; i < segs.size() - 1; i++) {
      Token seg = segs.get(i);
      FieldDef ref = current.size() == 1 ? current.get(0).relationship(seg.text()) : null;
      if (ref == null) {
        throw q.error(
            "INVALID_FIELD",
            seg.offset(),
            "Didn't understand relationship '"
                + seg.text()
                + "' in field path. If you are attempting to use a custom relationship, be sure"
                + " to append the '__r' after the custom relationship name. Please reference your"
                + " WSDL or the describe call for the appropriate names.");
      }
      List<SObjectSchema> targets = new ArrayList<>();
      for (String t : ref.referenceTo()) {
        SObjectSchema s = org.catalog().object(t);
        if (s != null) {
          targets.add(s);
        }
      }
      SObjectSchema from = current.get(0);
      ObjectTable fixed = targets.size() == 1 ? org.table(targets.get(0).name()) : null;
      hops.add(new Hop(from.fieldIndex(ref.name()), ref, List.copyOf(targets), fixed));
      names.add(ref.relationshipName());
      current = targets;
    }
    Token last = segs.get(segs.size() - 1);
    if (current.size() == 1) {
      SObjectSchema s = current.get(0);
      FieldDef f = s.field(last.text());
      if (f == null) {
        throw noSuchColumn(last, s.name());
      }
      names.add(f.name());
      return new FieldPath(
          org, rootTable, hops, new Column(names), f, s.fieldIndex(f.name()), false);
    }
    return polymorphicField(hops, names, current, last);
  }

  private FieldPath polymorphicField(
      List<Hop> hops, List<String> names, List<SObjectSchema> targets, Token last) {
    String key = last.text().toLowerCase(Locale.ROOT);
    if (key.equals("type")) {
      names.add("Type");
      FieldDef type = FieldDef.builder("Type", FieldType.STRING).system().build();
      return new FieldPath(org, rootTable, hops, new Column(names), type, -1, true);
    }
    FieldDef first = null;
    boolean onAll = !targets.isEmpty();
    for (SObjectSchema s : targets) {
      FieldDef f = s.field(last.text());
      if (f == null) {
        onAll = false;
      } else if (first == null) {
        first = f;
      }
    }
    if (first == null || !onAll && !NAME_ENTITY_FIELDS.contains(key)) {
      throw noSuchColumn(last, "Name");
    }
    names.add(first.name());
    return new FieldPath(org, rootTable, hops, new Column(names), first, -1, false);
  }

  /** Resolves a column given by name (as {@link QueryResult#value} receives it). */
  static FieldPath resolveColumn(Org org, SObjectSchema root, List<String> path) {
    String dotted = String.join(".", path);
    QueryText text = new QueryText(dotted);
    List<Token> tokens = new ArrayList<>();
    int offset = 0;
    for (String p : path) {
      tokens.add(new Token(Token.Kind.IDENT, p, offset));
      offset += p.length() + 1;
    }
    try {
      return new PathResolver(org, text, root, null).resolve(new SoqlQuery.Path(tokens));
    } catch (SoqlException e) {
      throw new IllegalArgumentException("not a column of " + root.name() + ": " + dotted, e);
    }
  }

  private SoqlException noSuchColumn(Token t, String entity) {
    return q.error(
        "INVALID_FIELD",
        t.offset(),
        "No such column '"
            + t.text()
            + "' on entity '"
            + entity
            + "'. If you are attempting to use a custom field, be sure to append the '__c' after"
            + " the custom field name. Please reference your WSDL or the describe call for the"
            + " appropriate names.");
  }
}
