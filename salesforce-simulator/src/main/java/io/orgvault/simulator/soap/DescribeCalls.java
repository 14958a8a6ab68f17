package io.orgvault.simulator.soap;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.org.ChildRelationship;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code describeGlobal}, {@code describeSObject} and {@code describeSObjects}. Elements are
 * written in the partner WSDL's sequence order (alphabetical), which generated clients depend on.
 */
final class DescribeCalls {
  /** {@code describeSObjects} takes at most this many types. */
  static final int MAX_DESCRIBE_TYPES = 100;

  /** Every object has the master record type, as in an org without record types. */
  private static final String MASTER_RECORD_TYPE_ID = "012000000000000AAA";

  /** Fields that name their record where the object has no {@code Name} field. */
  private static final Set<String> NAME_FIELDS =
      Set.of("Case.CaseNumber", "ContentDocument.Title", "ContentVersion.Title", "Task.Subject");

  private final SimulatorContext ctx;

  DescribeCalls(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  void describeGlobal(SoapCall call) throws IOException {
    SoapWriter w = call.respond("describeGlobalResponse");
    w.start("result");
    w.element("encoding", "UTF-8");
    w.element("maxBatchSize", 200);
    for (SObjectSchema s : ctx.org().catalog().objects()) {
      writeObject(w, "sobjects", s, false);
    }
    w.end();
    call.finish();
  }

  void describeSObject(SoapCall call) throws IOException {
    SObjectSchema s = schema(call.operation().childText("sObjectType"));
    SoapWriter w = call.respond("describeSObjectResponse");
    writeObject(w, "result", s, true);
    call.finish();
  }

  void describeSObjects(SoapCall call) throws IOException {
    List<XmlNode> types = call.operation().children("sObjectType");
    if (types.size() > MAX_DESCRIBE_TYPES) {
      throw SoapFault.unexpected(
          "EXCEEDED_ID_LIMIT", "describeSObjects accepts at most " + MAX_DESCRIBE_TYPES + " types");
    }
    List<SObjectSchema> schemas = new ArrayList<>();
    for (XmlNode t : types) {
      schemas.add(schema(t.text()));
    }
    SoapWriter w = call.respond("describeSObjectsResponse");
    for (SObjectSchema s : schemas) {
      writeObject(w, "result", s, true);
    }
    call.finish();
  }

  private SObjectSchema schema(String name) {
    SObjectSchema s = name == null ? null : ctx.org().catalog().object(name.trim());
    if (s == null) {
      throw SoapFault.invalidType(name == null ? "" : name.trim());
    }
    return s;
  }

  /**
   * An object as describeGlobal lists it (DescribeGlobalSObjectResult) or, {@code full}, as
   * describeSObject gives it (DescribeSObjectResult): the same properties with fields, child
   * relationships, record types and URLs added, all in the WSDL's order.
   */
  private void writeObject(SoapWriter w, String element, SObjectSchema s, boolean full) {
    w.start(element);
    w.element("activateable", false);
    w.element("associateEntityType", null);
    w.element("associateParentEntity", null);
    if (full) {
      for (ChildRelationship rel : s.childRelationships()) {
        w.start("childRelationships");
        w.element("cascadeDelete", rel.cascadeDelete());
        w.element("childSObject", rel.childSObject());
        w.element("deprecatedAndHidden", false);
        w.element("field", rel.field());
        w.element("relationshipName", rel.relationshipName());
        w.element("restrictedDelete", false);
        w.end();
      }
      w.element("compactLayoutable", true);
    }
    w.element("createable", s.createable());
    w.element("custom", s.custom());
    w.element("customSetting", false);
    w.element("dataTranslationEnabled", false);
    w.element("deepCloneable", false);
    if (full) {
      w.element("defaultImplementation", null);
    }
    w.element("deletable", s.deletable());
    w.element("deprecatedAndHidden", false);
    w.element("feedEnabled", false);
    if (full) {
      for (FieldDef f : s.fields()) {
        writeField(w, s, f);
      }
    }
    w.element("hasSubtypes", false);
    w.element("idEnabled", true);
    if (full) {
      w.element("implementedBy", null);
      w.element("implementsInterfaces", null);
    }
    w.element("isInterface", false);
    w.element("isSubtype", false);
    w.element("keyPrefix", s.keyPrefix());
    w.element("label", s.label());
    w.element("labelPlural", s.labelPlural());
    w.element("layoutable", true);
    w.element("mergeable", false);
    w.element("mruEnabled", true);
    w.element("name", s.name());
    if (full) {
      w.element("networkScopeFieldName", null);
    }
    w.element("queryable", s.queryable());
    if (full) {
      w.start("recordTypeInfos");
      w.element("active", true);
      w.element("available", true);
      w.element("defaultRecordTypeMapping", true);
      w.element("developerName", "Master");
      w.element("master", true);
      w.element("name", "Master");
      w.element("recordTypeId", MASTER_RECORD_TYPE_ID);
      w.end();
    }
    w.element("replicateable", s.replicateable());
    w.element("retrieveable", true);
    if (full) {
      w.element("searchLayoutable", true);
    }
    w.element("searchable", true);
    w.element("triggerable", true);
    w.element("undeletable", s.undeletable());
    w.element("updateable", s.updateable());
    if (full) {
      String base = ctx.instanceUrl();
      w.element("urlDetail", base + "/{ID}");
      w.element("urlEdit", base + "/{ID}/e");
      w.element("urlNew", base + "/" + s.keyPrefix() + "/e");
    }
    w.end();
  }

  private static void writeField(SoapWriter w, SObjectSchema s, FieldDef f) {
    FieldType t = f.type();
    boolean longText = t == FieldType.TEXTAREA && f.length() > 255;
    boolean blob = t == FieldType.BASE64;
    boolean decimal = t == FieldType.DOUBLE || t == FieldType.CURRENCY || t == FieldType.PERCENT;
    boolean nameField = f.name().equals("Name") || NAME_FIELDS.contains(s.name() + "." + f.name());
    w.start("fields");
    w.element("aggregatable", !longText && !blob);
    w.element("aiPredictionField", false);
    w.element("autoNumber", s.name().equals("Case") && f.name().equals("CaseNumber"));
    w.element("byteLength", byteLength(f));
    w.element("calculated", false);
    if (f.isReference()) {
      w.element("cascadeDelete", f.cascadeDelete());
    }
    w.element("caseSensitive", false);
    w.element("createable", f.createable());
    w.element("custom", f.custom());
    w.element("defaultedOnCreate", f.defaultedOnCreate());
    w.element("dependentPicklist", false);
    w.element("deprecatedAndHidden", false);
    w.element("digits", t == FieldType.INT ? f.precision() : 0);
    w.element("externalId", f.externalId());
    if (t == FieldType.TEXTAREA) {
      w.element("extraTypeInfo", "plaintextarea");
    }
    w.element("filterable", !longText && !blob);
    w.element("groupable", !longText && !blob && !decimal && t != FieldType.DATETIME);
    w.element("htmlFormatted", false);
    w.element("idLookup", t == FieldType.ID || f.externalId() || nameField);
    w.element("label", f.label());
    w.element("length", t.isText() ? f.length() : 0);
    w.element("name", f.name());
    w.element("nameField", nameField);
    w.element("namePointing", f.isReference() && f.referenceTo().size() > 1);
    w.element("nillable", f.nillable());
    w.element("permissionable", f.nillable() && !f.isSystem());
    for (String v : f.picklistValues()) {
      w.start("picklistValues");
      w.element("active", true);
      w.element("defaultValue", false);
      w.element("label", v);
      w.element("value", v);
      w.end();
    }
    w.element("polymorphicForeignKey", f.isReference() && f.referenceTo().size() > 1);
    w.element("precision", t == FieldType.INT ? 0 : f.precision());
    w.element("queryByDistance", false);
    for (String target : f.referenceTo()) {
      w.element("referenceTo", target);
    }
    if (f.relationshipName() != null) {
      w.element("relationshipName", f.relationshipName());
    }
    if (f.isReference() && f.cascadeDelete() && !f.nillable()) {
      w.element("relationshipOrder", 0);
    }
    if (f.isReference()) {
      w.element("restrictedDelete", false);
    }
    w.element("restrictedPicklist", false);
    w.element("scale", f.scale());
    w.element("searchPrefilterable", false);
    w.element("soapType", t.soapType());
    w.element("sortable", !longText && !blob);
    w.element("type", t.apiName());
    w.element("unique", f.unique());
    w.element("updateable", f.updateable());
    if (f.isReference() && f.cascadeDelete() && !f.nillable()) {
      w.element("writeRequiresMasterRead", false);
    }
    w.end();
  }

  /** Text is stored as UTF-8, up to three bytes a character; Ids are ASCII. */
  private static int byteLength(FieldDef f) {
    if (f.type() == FieldType.ID || f.isReference()) {
      return f.length();
    }
    return f.type().isText() ? f.length() * 3 : 0;
  }
}
