package io.orgvault.simulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.ChildRelationship;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The describe resources: {@code /sobjects} (describeGlobal), {@code /sobjects/X} (basic
 * information and recent items) and {@code /sobjects/X/describe} (every field and child
 * relationship), in the JSON shapes of the REST API.
 */
final class DescribeResource {
  /** The Id of the Master record type every record-type-enabled object has. */
  static final String MASTER_RECORD_TYPE_ID = "012000000000000AAA";

  private static final int RECENT_ITEMS = 3;

  /** The field that names a record, where it is not called {@code Name}. */
  private static final Map<String, String> NAME_FIELDS =
      Map.of(
          "Case", "CaseNumber",
          "Task", "Subject",
          "ContentDocument", "Title",
          "ContentVersion", "Title");

  private static final Set<String> FEED_ENABLED =
      Set.of("Account", "Contact", "Opportunity", "Case", "User");
  private static final Set<String> NOT_LAYOUTABLE = Set.of("ContentDocumentLink");
  private static final Set<String> NOT_SEARCHABLE = Set.of("ContentDocumentLink", "Attachment");
  private static final Set<String> NO_RECORD_TYPES =
      Set.of("User", "ContentDocument", "ContentDocumentLink", "Attachment");

  private final SimulatorContext ctx;

  DescribeResource(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  /** The object named in a URL (case-insensitive), or 404 NOT_FOUND. */
  SObjectSchema schema(String name) {
    SObjectSchema s = ctx.org().catalog().object(name);
    if (s == null) {
      throw ApiException.notFound();
    }
    return s;
  }

  void global(Request request, ResourcePath path) throws IOException {
    HttpMethods.require(request, "GET");
    ObjectNode body = Responses.JSON.createObjectNode();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", 200);
    ArrayNode list = body.putArray("sobjects");
    for (SObjectSchema s : ctx.org().catalog().objects()) {
      summary(list.addObject(), s, path.base());
    }
    Responses.json(request.exchange(), 200, body);
  }

  void basicInfo(Request request, ResourcePath path, SObjectSchema s) throws IOException {
    ObjectNode body = Responses.JSON.createObjectNode();
    summary(body.putObject("objectDescribe"), s, path.base());
    ArrayNode recent = body.putArray("recentItems");
    ObjectTable t = ctx.org().table(s.name());
    String nameField = nameField(s);
    // The most recently created live records stand in for the user's recently viewed ones.
    for (int r = t.size() - 1, n = 0; r >= 0 && n < RECENT_ITEMS; r--) {
      if (!t.isLive(r)) {
        continue;
      }
      ObjectNode item = recent.addObject();
      ObjectNode attrs = item.putObject("attributes");
      attrs.put("type", s.name());
      attrs.put("url", path.base() + "/sobjects/" + s.name() + "/" + t.id(r));
      item.put("Id", t.id(r));
      if (nameField != null) {
        Object v = t.value(r, nameField);
        item.put(nameField, v == null ? null : v.toString());
      } else if (s.field("LastName") != null) {
        // Contact and User names are compound: Name is FirstName and LastName together.
        Object first = t.value(r, "FirstName");
        Object last = t.value(r, "LastName");
        item.put("Name", first == null ? String.valueOf(last) : first + " " + last);
      }
      n++;
    }
    Responses.json(request.exchange(), 200, body);
  }

  void describe(Request request, ResourcePath path, SObjectSchema s) throws IOException {
    HttpMethods.require(request, "GET");
    String base = path.base();
    ObjectNode d = Responses.JSON.createObjectNode();
    d.putArray("actionOverrides");
    d.put("activateable", false);
    d.putNull("associateEntityType");
    d.putNull("associateParentEntity");
    ArrayNode children = d.putArray("childRelationships");
    for (ChildRelationship c : s.childRelationships()) {
      ObjectNode cr = children.addObject();
      cr.put("cascadeDelete", c.cascadeDelete());
      cr.put("childSObject", c.childSObject());
      cr.put("deprecatedAndHidden", false);
      cr.put("field", c.field());
      cr.putArray("junctionIdListNames");
      cr.putArray("junctionReferenceTo");
      cr.put("relationshipName", c.relationshipName());
      cr.put("restrictedDelete", false);
    }
    d.put("compactLayoutable", layoutable(s));
    d.put("createable", s.createable());
    d.put("custom", s.custom());
    d.put("customSetting", false);
    d.put("deepCloneable", false);
    d.putNull("defaultImplementation");
    d.put("deletable", s.deletable());
    d.put("deprecatedAndHidden", false);
    d.putNull("extendedBy");
    d.putNull("extendsInterfaces");
    d.put("feedEnabled", FEED_ENABLED.contains(s.name()));
    ArrayNode fields = d.putArray("fields");
    String nameField = nameField(s);
    for (FieldDef f : s.fields()) {
      field(fields.addObject(), s, f, f.name().equals(nameField));
    }
    d.put("hasSubtypes", false);
    d.putNull("implementedBy");
    d.putNull("implementsInterfaces");
    d.put("isInterface", false);
    d.put("isSubtype", false);
    d.put("keyPrefix", s.keyPrefix());
    d.put("label", s.label());
    d.put("labelPlural", s.labelPlural());
    d.put("layoutable", layoutable(s));
    d.putNull("listviewable");
    d.putNull("lookupLayoutable");
    d.put("mergeable", mergeable(s));
    d.put("mruEnabled", mruEnabled(s));
    d.put("name", s.name());
    d.putArray("namedLayoutInfos");
    d.putNull("networkScopeFieldName");
    d.put("queryable", s.queryable());
    ArrayNode recordTypes = d.putArray("recordTypeInfos");
    if (!NO_RECORD_TYPES.contains(s.name())) {
      ObjectNode rt = recordTypes.addObject();
      rt.put("active", true);
      rt.put("available", true);
      rt.put("defaultRecordTypeMapping", true);
      rt.put("developerName", "Master");
      rt.put("master", true);
      rt.put("name", "Master");
      rt.put("recordTypeId", MASTER_RECORD_TYPE_ID);
      rt.putObject("urls")
          .put(
              "layout",
              base + "/sobjects/" + s.name() + "/describe/layouts/" + MASTER_RECORD_TYPE_ID);
    }
    d.put("replicateable", s.replicateable());
    d.put("retrieveable", true);
    d.put("searchLayoutable", searchable(s));
    d.put("searchable", searchable(s));
    d.put("sobjectDescribeOption", "FULL");
    ArrayNode scopes = d.putArray("supportedScopes");
    String plural = s.labelPlural().toLowerCase(Locale.ROOT);
    scopes.addObject().put("label", "All " + plural).put("name", "everything");
    if (s.hasOwner()) {
      scopes.addObject().put("label", "My " + plural).put("name", "mine");
    }
    d.put("triggerable", true);
    d.put("undeletable", s.undeletable());
    d.put("updateable", s.updateable());
    urls(d.putObject("urls"), s, base, true);
    Responses.json(request.exchange(), 200, d);
  }

  /** The object's entry as describeGlobal and the basic information resource give it. */
  private static void summary(ObjectNode o, SObjectSchema s, String base) {
    o.put("activateable", false);
    o.putNull("associateEntityType");
    o.putNull("associateParentEntity");
    o.put("createable", s.createable());
    o.put("custom", s.custom());
    o.put("customSetting", false);
    o.put("deepCloneable", false);
    o.put("deletable", s.deletable());
    o.put("deprecatedAndHidden", false);
    o.put("feedEnabled", FEED_ENABLED.contains(s.name()));
    o.put("hasSubtypes", false);
    o.put("isInterface", false);
    o.put("isSubtype", false);
    o.put("keyPrefix", s.keyPrefix());
    o.put("label", s.label());
    o.put("labelPlural", s.labelPlural());
    o.put("layoutable", layoutable(s));
    o.put("mergeable", mergeable(s));
    o.put("mruEnabled", mruEnabled(s));
    o.put("name", s.name());
    o.put("queryable", s.queryable());
    o.put("replicateable", s.replicateable());
    o.put("retrieveable", true);
    o.put("searchable", searchable(s));
    o.put("triggerable", true);
    o.put("undeletable", s.undeletable());
    o.put("updateable", s.updateable());
    urls(o.putObject("urls"), s, base, false);
  }

  private static void urls(ObjectNode u, SObjectSchema s, String base, boolean full) {
    String obj = base + "/sobjects/" + s.name();
    u.put("compactLayouts", obj + "/describe/compactLayouts");
    u.put("rowTemplate", obj + "/{ID}");
    u.put("approvalLayouts", obj + "/describe/approvalLayouts");
    u.put("defaultValues", obj + "/defaultValues?recordTypeId&fields");
    u.put("listviews", obj + "/listviews");
    u.put("describe", obj + "/describe");
    u.put("quickActions", obj + "/quickActions");
    u.put("layouts", obj + "/describe/layouts");
    u.put("sobject", obj);
    if (!full) {
      return;
    }
    u.put("uiDetailTemplate", "/{ID}");
    u.put("uiEditTemplate", "/{ID}/e");
    u.put("uiNewRecord", "/" + s.keyPrefix() + "/e");
  }

  private static void field(ObjectNode o, SObjectSchema s, FieldDef f, boolean nameField) {
    FieldType t = f.type();
    boolean longText = t == FieldType.TEXTAREA && f.length() > 255;
    boolean filterable = !longText && t != FieldType.BASE64;
    boolean groupable =
        filterable
            && t != FieldType.DOUBLE
            && t != FieldType.CURRENCY
            && t != FieldType.PERCENT
            && t != FieldType.DATETIME;
    boolean masterDetail = f.isReference() && f.cascadeDelete() && !f.nillable();
    boolean polymorphic = f.referenceTo().size() > 1;
    o.put("aggregatable", filterable);
    o.put("aiPredictionField", false);
    o.put("autoNumber", s.name().equals("Case") && f.name().equals("CaseNumber"));
    o.put("byteLength", byteLength(f));
    o.put("calculated", false);
    o.putNull("calculatedFormula");
    o.put("cascadeDelete", f.cascadeDelete());
    o.put("caseSensitive", false);
    o.putNull("compoundFieldName");
    o.putNull("controllerName");
    o.put("createable", f.createable());
    o.put("custom", f.custom());
    if (t == FieldType.BOOLEAN) {
      o.put("defaultValue", "true".equals(f.generator()) && f.createable());
    } else {
      o.putNull("defaultValue");
    }
    o.putNull("defaultValueFormula");
    o.put("defaultedOnCreate", f.defaultedOnCreate());
    o.put("dependentPicklist", false);
    o.put("deprecatedAndHidden", false);
    o.put("digits", t == FieldType.INT ? f.precision() : 0);
    o.put("displayLocationInDecimal", false);
    o.put("encrypted", false);
    o.put("externalId", f.externalId());
    if (t == FieldType.TEXTAREA) {
      o.put("extraTypeInfo", "plaintextarea");
    } else {
      o.putNull("extraTypeInfo");
    }
    o.put("filterable", filterable);
    o.putNull("filteredLookupInfo");
    o.put("formulaTreatNullNumberAsZero", false);
    o.put("groupable", groupable);
    o.put("highScaleNumber", false);
    o.put("htmlFormatted", false);
    o.put(
        "idLookup",
        t == FieldType.ID || f.externalId() || nameField || t == FieldType.EMAIL && !longText);
    o.putNull("inlineHelpText");
    o.put("label", f.label());
    o.put("length", f.length());
    o.putNull("mask");
    o.putNull("maskType");
    o.put("name", f.name());
    o.put("nameField", nameField);
    o.put("namePointing", polymorphic);
    o.put("nillable", f.nillable());
    o.put("permissionable", f.nillable() && (f.createable() || f.updateable()));
    ArrayNode picklist = o.putArray("picklistValues");
    for (int i = 0; i < f.picklistValues().size(); i++) {
      String v = f.picklistValues().get(i);
      ObjectNode p = picklist.addObject();
      p.put("active", true);
      p.put("defaultValue", i == 0 && f.defaultedOnCreate());
      p.put("label", v);
      p.putNull("validFor");
      p.put("value", v);
    }
    o.put("polymorphicForeignKey", polymorphic);
    o.put("precision", t.isNumber() && t != FieldType.INT ? f.precision() : 0);
    o.put("queryByDistance", false);
    o.putNull("referenceTargetField");
    ArrayNode refs = o.putArray("referenceTo");
    f.referenceTo().forEach(refs::add);
    o.put("relationshipName", f.relationshipName());
    if (masterDetail) {
      o.put("relationshipOrder", 0);
    } else {
      o.putNull("relationshipOrder");
    }
    o.put("restrictedDelete", false);
    o.put("restrictedPicklist", false);
    o.put("scale", t.isNumber() && t != FieldType.INT ? f.scale() : 0);
    o.put("searchPrefilterable", false);
    o.put("soapType", t.soapType());
    o.put("sortable", filterable);
    o.put("type", t.apiName());
    o.put("unique", f.unique());
    o.put("updateable", f.updateable());
    o.put("writeRequiresMasterRead", false);
  }

  private static int byteLength(FieldDef f) {
    return switch (f.type()) {
      case ID, REFERENCE -> 18;
      case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST -> f.length() * 3;
      default -> 0;
    };
  }

  /** The field that names a record of this object, or null. */
  static String nameField(SObjectSchema s) {
    if (s.field("Name") != null) {
      return "Name";
    }
    return NAME_FIELDS.get(s.name());
  }

  private static boolean layoutable(SObjectSchema s) {
    return !NOT_LAYOUTABLE.contains(s.name());
  }

  private static boolean searchable(SObjectSchema s) {
    return !NOT_SEARCHABLE.contains(s.name());
  }

  private static boolean mergeable(SObjectSchema s) {
    return s.name().equals("Account") || s.name().equals("Contact");
  }

  private static boolean mruEnabled(SObjectSchema s) {
    return s.custom() || FEED_ENABLED.contains(s.name());
  }
}
