package io.orgvault.simulator.org;

import static io.orgvault.simulator.org.FieldType.BASE64;
import static io.orgvault.simulator.org.FieldType.BOOLEAN;
import static io.orgvault.simulator.org.FieldType.CURRENCY;
import static io.orgvault.simulator.org.FieldType.DATE;
import static io.orgvault.simulator.org.FieldType.DATETIME;
import static io.orgvault.simulator.org.FieldType.DOUBLE;
import static io.orgvault.simulator.org.FieldType.EMAIL;
import static io.orgvault.simulator.org.FieldType.ID;
import static io.orgvault.simulator.org.FieldType.INT;
import static io.orgvault.simulator.org.FieldType.PERCENT;
import static io.orgvault.simulator.org.FieldType.PHONE;
import static io.orgvault.simulator.org.FieldType.PICKLIST;
import static io.orgvault.simulator.org.FieldType.REFERENCE;
import static io.orgvault.simulator.org.FieldType.STRING;
import static io.orgvault.simulator.org.FieldType.TEXTAREA;
import static io.orgvault.simulator.org.FieldType.URL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sObjects of a simulated org: the standard objects OrgVault backs up and two custom ones. */
public final class Catalog {
  private final Map<String, SObjectSchema> byName = new LinkedHashMap<>();
  private final Map<String, SObjectSchema> byPrefix = new LinkedHashMap<>();

  private Catalog() {}

  public Collection<SObjectSchema> objects() {
    return Collections.unmodifiableCollection(byName.values());
  }

  /** The object with this name (case-insensitive), or null. */
  public SObjectSchema object(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  /** The object whose Ids start with this key prefix, or null. */
  public SObjectSchema byKeyPrefix(String prefix) {
    return byPrefix.get(prefix);
  }

  /** The standard catalog: the same in every simulated org. */
  public static Catalog standard() {
    Catalog c = new Catalog();
    c.add(
        object("User", "Users", "005", false)
            .field(f("Username", STRING).required().externalId().gen("username"))
            .field(f("FirstName", STRING).length(40).gen("firstName"))
            .field(f("LastName", STRING).length(80).required().gen("lastName"))
            .field(f("Name", STRING).length(121).system().label("Full Name").gen("fullName"))
            .field(f("Email", EMAIL).required().gen("email"))
            .field(f("Alias", STRING).length(8).required().gen("alias"))
            .field(f("Title", STRING).length(80).gen("title").mutable())
            .field(f("IsActive", BOOLEAN).defaulted().gen("true"))
            .notDeletable());
    c.add(
        object("Account", "Accounts", "001", true)
            .field(f("Name", STRING).required().gen("company"))
            .field(f("AccountNumber", STRING).length(40).externalId().gen("accountNumber"))
            .field(f("Type", PICKLIST).picklist("Prospect", "Customer", "Partner").gen("picklist"))
            .field(f("Industry", PICKLIST).picklist(INDUSTRIES).gen("picklist").mutable())
            .field(f("AnnualRevenue", CURRENCY).gen("amount").mutable())
            .field(f("NumberOfEmployees", INT).gen("employees").mutable())
            .field(f("Phone", PHONE).gen("phone").mutable())
            .field(f("Website", URL).gen("website"))
            .field(f("BillingStreet", TEXTAREA).length(255).gen("street").mutable())
            .field(f("BillingCity", STRING).length(40).gen("city").mutable())
            .field(f("BillingCountry", STRING).length(80).gen("country"))
            .field(f("Rating", PICKLIST).picklist("Hot", "Warm", "Cold").gen("picklist").mutable())
            .field(f("ParentId", REFERENCE).reference("Parent", "Account").gen("parentAccount"))
            .field(f("Description", TEXTAREA).gen("sentence").mutable()));
    c.add(
        object("Contact", "Contacts", "003", true)
            .field(
                f("AccountId", REFERENCE).reference("Account", "Account").cascade().gen("account"))
            .field(f("FirstName", STRING).length(40).gen("firstName"))
            .field(f("LastName", STRING).length(80).required().gen("lastName"))
            .field(f("Name", STRING).length(121).system().label("Full Name").gen("fullName"))
            .field(f("Email", EMAIL).gen("email").mutable())
            .field(f("Phone", PHONE).gen("phone").mutable())
            .field(f("Title", STRING).length(128).gen("title").mutable())
            .field(f("Birthdate", DATE).gen("birthdate"))
            .field(f("MailingCity", STRING).length(40).gen("city").mutable())
            .field(f("HasOptedOutOfEmail", BOOLEAN).defaulted().gen("bool").mutable())
            .field(f("Description", TEXTAREA).gen("sentence").mutable()));
    c.add(
        object("Opportunity", "Opportunities", "006", true)
            .field(
                f("AccountId", REFERENCE).reference("Account", "Account").cascade().gen("account"))
            .field(f("Name", STRING).length(120).required().gen("deal"))
            .field(f("StageName", PICKLIST).required().picklist(STAGES).gen("picklist").mutable())
            .field(f("Amount", CURRENCY).gen("amount").mutable())
            .field(f("Probability", PERCENT).gen("percent").mutable())
            .field(f("CloseDate", DATE).required().gen("futureDate").mutable())
            .field(f("IsClosed", BOOLEAN).system().defaulted().gen("false")));
    c.add(
        object("Case", "Cases", "500", true)
            .field(f("CaseNumber", STRING).length(30).system().gen("caseNumber"))
            .field(
                f("AccountId", REFERENCE).reference("Account", "Account").cascade().gen("account"))
            .field(f("ContactId", REFERENCE).reference("Contact", "Contact").gen("contact"))
            .field(f("Subject", STRING).gen("sentence").mutable())
            .field(
                f("Status", PICKLIST)
                    .picklist("New", "Working", "Escalated", "Closed")
                    .defaulted()
                    .gen("picklist")
                    .mutable())
            .field(
                f("Priority", PICKLIST)
                    .picklist("High", "Medium", "Low")
                    .defaulted()
                    .gen("picklist")
                    .mutable())
            .field(f("Origin", PICKLIST).picklist("Phone", "Email", "Web").gen("picklist"))
            .field(f("Description", TEXTAREA).gen("sentence").mutable()));
    c.add(
        object("Task", "Tasks", "00T", true)
            .field(f("WhoId", REFERENCE).reference("Who", "Contact").gen("contact"))
            .field(
                f("WhatId", REFERENCE).reference("What", "Account", "Opportunity").gen("account"))
            .field(f("Subject", STRING).gen("taskSubject").mutable())
            .field(f("ActivityDate", DATE).gen("futureDate").mutable())
            .field(
                f("Status", PICKLIST)
                    .picklist("Not Started", "In Progress", "Completed")
                    .defaulted()
                    .gen("picklist")
                    .mutable())
            .field(f("Description", TEXTAREA).gen("sentence").mutable()));
    c.add(
        object("ContentDocument", "Content Documents", "069", true)
            .field(f("Title", STRING).system().gen("fileTitle"))
            .field(f("FileExtension", STRING).length(40).system().gen("fileExtension"))
            .field(f("ContentSize", INT).system().gen("blobSize"))
            .field(
                f("LatestPublishedVersionId", REFERENCE)
                    .reference("LatestPublishedVersion", "ContentVersion")
                    .system()
                    .gen("sameSeq"))
            .notCreateable());
    c.add(
        object("ContentVersion", "Content Versions", "068", true)
            .field(
                f("ContentDocumentId", REFERENCE)
                    .reference("ContentDocument", "ContentDocument")
                    .createOnly()
                    .cascade()
                    .gen("sameSeq"))
            .field(f("Title", STRING).required().gen("fileTitle"))
            .field(f("PathOnClient", STRING).length(500).createOnly().gen("pathOnClient"))
            .field(f("FileExtension", STRING).length(40).system().gen("fileExtension"))
            .field(f("ContentSize", INT).system().gen("blobSize"))
            .field(f("VersionNumber", STRING).length(20).system().gen("one"))
            .field(f("IsLatest", BOOLEAN).system().gen("true"))
            .field(f("VersionData", BASE64).createOnly().required().gen("blob"))
            .notDeletable());
    c.add(
        object("ContentDocumentLink", "Content Document Links", "06A", false)
            .field(
                f("ContentDocumentId", REFERENCE)
                    .reference("ContentDocument", "ContentDocument")
                    .createOnly()
                    .required()
                    .cascade()
                    .gen("sameSeq"))
            .field(
                f("LinkedEntityId", REFERENCE)
                    .reference("LinkedEntity", "Account")
                    .createOnly()
                    .required()
                    .gen("account"))
            .field(f("ShareType", PICKLIST).picklist("V", "C", "I").required().gen("shareType"))
            .field(
                f("Visibility", PICKLIST)
                    .picklist("AllUsers", "InternalUsers")
                    .defaulted()
                    .gen("picklist"))
            .notBulkQueryable()
            .notReplicateable()
            .noAuditFields());
    c.add(
        object("Attachment", "Attachments", "00P", true)
            .field(
                f("ParentId", REFERENCE)
                    .reference("Parent", "Account", "Contact", "Opportunity", "Case")
                    .createOnly()
                    .required()
                    .gen("account"))
            .field(f("Name", STRING).required().gen("fileName"))
            .field(f("ContentType", STRING).length(120).gen("contentType"))
            .field(f("BodyLength", INT).system().gen("blobSize"))
            .field(f("Body", BASE64).required().gen("blob"))
            .field(f("Description", TEXTAREA).length(500).gen("sentence")));
    c.add(
        object("Project__c", "Projects", "a01", true)
            .label("Project")
            .field(f("Name", STRING).length(80).gen("projectName"))
            .field(f("Account__c", REFERENCE).reference("Account__r", "Account").gen("account"))
            .field(f("Code__c", STRING).length(20).externalId().gen("projectCode"))
            .field(f("Budget__c", CURRENCY).gen("amount").mutable())
            .field(f("Start_Date__c", DATE).gen("futureDate"))
            .field(
                f("Status__c", PICKLIST)
                    .picklist("Planned", "Active", "Done")
                    .gen("picklist")
                    .mutable()));
    c.add(
        object("Milestone__c", "Milestones", "a02", false)
            .label("Milestone")
            .field(f("Name", STRING).length(80).gen("milestoneName"))
            .field(
                f("Project__c", REFERENCE)
                    .reference("Project__r", "Project__c")
                    .masterDetail()
                    .gen("project"))
            .field(f("Due_Date__c", DATE).gen("futureDate").mutable())
            .field(f("Done__c", BOOLEAN).defaulted().gen("bool").mutable())
            .field(f("Weight__c", DOUBLE).gen("percent").mutable()));
    c.linkChildren();
    return c;
  }

  private static final String[] INDUSTRIES = {
    "Agriculture", "Banking", "Biotechnology", "Construction", "Education", "Energy",
    "Healthcare", "Insurance", "Manufacturing", "Media", "Retail", "Technology"
  };
  private static final String[] STAGES = {
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Proposal",
    "Negotiation",
    "Closed Won",
    "Closed Lost"
  };

  private void add(ObjectBuilder b) {
    SObjectSchema s = b.build();
    byName.put(s.name().toLowerCase(Locale.ROOT), s);
    byPrefix.put(s.keyPrefix(), s);
  }

  private void linkChildren() {
    for (SObjectSchema child : byName.values()) {
      for (FieldDef f : child.fields()) {
        if (!f.isReference() || f.name().equals(SObjectSchema.CREATED_BY_ID)) {
          continue;
        }
        for (String target : f.referenceTo()) {
          SObjectSchema parent = object(target);
          if (parent != null) {
            parent.addChildRelationship(
                new ChildRelationship(
                    child.name(), f.name(), childRelationshipName(child, f), f.cascadeDelete()));
          }
        }
      }
    }
  }

  private static String childRelationshipName(SObjectSchema child, FieldDef f) {
    if (f.isSystem() && f.name().endsWith("ById") || f.name().equals(SObjectSchema.OWNER_ID)) {
      return null; // audit and owner references have no child relationship name
    }
    if (child.custom()) {
      return child.labelPlural().replace(' ', '_') + "__r";
    }
    return child.labelPlural().replace(" ", "");
  }

  private static FieldDef.Builder f(String name, FieldType type) {
    return FieldDef.builder(name, type);
  }

  private static ObjectBuilder object(String name, String plural, String prefix, boolean owned) {
    return new ObjectBuilder(name, plural, prefix, owned);
  }

  private static final class ObjectBuilder {
    private final String name;
    private final String plural;
    private final String prefix;
    private final boolean owned;
    private String label;
    private final List<FieldDef> fields = new ArrayList<>();
    private boolean createable = true;
    private boolean deletable = true;
    private boolean bulkQueryable = true;
    private boolean replicateable = true;
    private boolean auditFields = true;

    ObjectBuilder(String name, String plural, String prefix, boolean owned) {
      this.name = name;
      this.plural = plural;
      this.prefix = prefix;
      this.owned = owned;
      this.label = name;
    }

    ObjectBuilder label(String v) {
      label = v;
      return this;
    }

    ObjectBuilder field(FieldDef.Builder f) {
      fields.add(f.build());
      return this;
    }

    ObjectBuilder notCreateable() {
      createable = false;
      return this;
    }

    ObjectBuilder notDeletable() {
      deletable = false;
      return this;
    }

    ObjectBuilder notBulkQueryable() {
      bulkQueryable = false;
      return this;
    }

    ObjectBuilder notReplicateable() {
      replicateable = false;
      return this;
    }

    ObjectBuilder noAuditFields() {
      auditFields = false;
      return this;
    }

    SObjectSchema build() {
      List<FieldDef> all = new ArrayList<>();
      all.add(f(SObjectSchema.ID, ID).system().notNull().label("Record ID").build());
      all.add(f(SObjectSchema.IS_DELETED, BOOLEAN).system().defaulted().label("Deleted").build());
      if (owned) {
        all.add(
            f(SObjectSchema.OWNER_ID, REFERENCE)
                .reference("Owner", "User")
                .defaulted()
                .notNull()
                .gen("owner")
                .build());
      }
      all.addAll(fields);
      if (auditFields) {
        all.add(f(SObjectSchema.CREATED_DATE, DATETIME).system().defaulted().notNull().build());
        all.add(
            f(SObjectSchema.CREATED_BY_ID, REFERENCE)
                .reference("CreatedBy", "User")
                .system()
                .defaulted()
                .notNull()
                .build());
        all.add(
            f(SObjectSchema.LAST_MODIFIED_DATE, DATETIME).system().defaulted().notNull().build());
        all.add(
            f(SObjectSchema.LAST_MODIFIED_BY_ID, REFERENCE)
                .reference("LastModifiedBy", "User")
                .system()
                .defaulted()
                .notNull()
                .build());
      }
      all.add(f(SObjectSchema.SYSTEM_MODSTAMP, DATETIME).system().defaulted().notNull().build());
      boolean undeletable = deletable;
      return new SObjectSchema(
          name,
          label,
          plural,
          prefix,
          true,
          bulkQueryable,
          createable,
          true,
          deletable,
          undeletable,
          replicateable,
          all);
    }
  }
}
