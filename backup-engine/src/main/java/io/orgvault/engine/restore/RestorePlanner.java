package io.orgvault.engine.restore;

import io.orgvault.engine.restore.OrgRecords.OrgRecord;
import io.orgvault.engine.salesforce.SObjectDescription;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.AscendingLookup;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.ObjectDescribe.FieldDescribe;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link RestorePlan}: resolves the selection in the backup, reads the target org's
 * current state of those records (and of the parents they point at), and decides per record whether
 * to undelete, create, update or skip it. Reads only; nothing is written to the org. The rules are
 * in docs/restore.md, "Planning".
 */
public final class RestorePlanner {
  static final String CONTENT_DOCUMENT = "ContentDocument";
  static final String CONTENT_VERSION = "ContentVersion";
  static final String CONTENT_DOCUMENT_LINK = "ContentDocumentLink";

  /** Fields Salesforce sets itself on every object; never sent and not worth reporting. */
  private static final Set<String> SYSTEM_FIELDS =
      Set.of(
          "Id",
          "IsDeleted",
          "CreatedDate",
          "CreatedById",
          "LastModifiedDate",
          "LastModifiedById",
          "SystemModstamp",
          "LastViewedDate",
          "LastReferencedDate",
          "LastActivityDate");

  private final RecordStore store;
  private final SalesforceClient target;
  private final String targetOrgId;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param target a client of the org to restore into
   * @param targetOrgId that org's Id; the source org's Id (the backup's) for an in-place restore
   */
  public RestorePlanner(
      RecordStore store, SalesforceClient target, String targetOrgId, Clock clock) {
    this.store = store;
    this.target = target;
    this.targetOrgId = targetOrgId;
    this.clock = clock;
  }

  /** Plans the restore; nothing is written anywhere. */
  public RestorePlan plan(RestoreSelection selection, RestoreOptions options) {
    SelectionResolver.Resolved resolved = new SelectionResolver(store).resolve(selection);
    Manifest manifest = store.manifest(selection.backup());
    Map<String, RecordVersion> versions = new LinkedHashMap<>();
    resolved
        .versions()
        .forEach(
            (id, v) -> {
              if (!options.omit().contains(id) && !options.omit().contains(v.objectName())) {
                versions.put(id, v);
              }
            });
    Map<String, TreeMap<String, RecordVersion>> byObject = new TreeMap<>();
    versions
        .values()
        .forEach(
            v -> byObject.computeIfAbsent(v.objectName(), o -> new TreeMap<>()).put(v.id(), v));
    List<String> order =
        fileOrder(new ArrayList<>(DependencyOrder.of(manifest, byObject.keySet()).insertOrder()));
    DependencyOrder dependencies = DependencyOrder.of(manifest, byObject.keySet());
    Set<String> deferredFields = new TreeSet<>();
    dependencies.secondPass().forEach(d -> deferredFields.add(d.object() + "." + d.field()));

    boolean sameOrg = manifest.orgId().equals(targetOrgId);
    Context cx = new Context(manifest, sameOrg, options);
    for (String object : order) {
      cx.load(object, byObject.get(object));
    }
    cx.loadOutsideParents(versions);

    // First the action from the record's own state in the org; then references, parents first.
    Map<String, PlannedRecord> planned = new LinkedHashMap<>();
    for (String object : order) {
      for (RecordVersion v : byObject.get(object).values()) {
        planned.put(v.id(), cx.decide(v));
      }
    }
    for (PlannedRecord r : planned.values()) {
      if (r.object().equals(CONTENT_VERSION)
          && r.action() == RestoreAction.CREATE
          && r.fields().get("ContentDocumentId") instanceof String d) {
        cx.recreatedDocuments.add(d);
      }
    }
    for (String object : order) {
      for (RecordVersion v : byObject.get(object).values()) {
        planned.put(v.id(), cx.references(planned.get(v.id()), v, planned, deferredFields));
      }
    }
    List<PlannedRecord> records = new ArrayList<>(planned.values());
    for (PlannedRecord s : resolved.skipped()) {
      if (!options.omit().contains(s.sourceId()) && !options.omit().contains(s.object())) {
        records.add(s);
      }
    }
    Map<String, Map<String, ValueKind>> kinds = new TreeMap<>();
    for (PlannedRecord r : records) {
      kinds.computeIfAbsent(r.object(), o -> cx.kinds(o));
    }
    List<String> fullOrder = new ArrayList<>(order);
    records.stream()
        .map(PlannedRecord::object)
        .distinct()
        .filter(o -> !fullOrder.contains(o))
        .forEach(fullOrder::add);
    records.sort(
        java.util.Comparator.comparing((PlannedRecord r) -> fullOrder.indexOf(r.object()))
            .thenComparing(PlannedRecord::sourceId));
    return new RestorePlan(
        newRestoreId(),
        store.tenantId(),
        clock.instant(),
        selection.backup(),
        manifest.orgId(),
        targetOrgId,
        describe(selection),
        options,
        fullOrder,
        kinds,
        records);
  }

  /** Plans and seals the plan in the volume; returns the plan with its restore Id. */
  public RestorePlan planAndSave(RestoreSelection selection, RestoreOptions options) {
    RestorePlan p = plan(selection, options);
    RestoreFiles.savePlan(store, p);
    return p;
  }

  private String newRestoreId() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return "r-" + HexFormat.of().formatHex(b);
  }

  /** A new ContentVersion creates its ContentDocument, which its links then point at. */
  private static List<String> fileOrder(List<String> order) {
    int cv = order.indexOf(CONTENT_VERSION);
    int cdl = order.indexOf(CONTENT_DOCUMENT_LINK);
    if (cv >= 0 && cdl >= 0 && cdl < cv) {
      order.remove(CONTENT_VERSION);
      order.add(cdl, CONTENT_VERSION);
    }
    return order;
  }

  static String describe(RestoreSelection s) {
    if (s instanceof RestoreSelection.RecordVersionOf r) {
      return r.object() + " " + r.id() + " as of backup " + r.backup();
    } else if (s instanceof RestoreSelection.ObjectAsOf o) {
      return "every " + o.object() + " as of backup " + o.backup();
    } else if (s instanceof RestoreSelection.CompareRecords c) {
      return "records deleted or changed between backups "
          + c.from()
          + " and "
          + c.to()
          + " (objects "
          + (c.filter().objects().isEmpty() ? "all" : new TreeSet<>(c.filter().objects()))
          + ", kinds "
          + (c.filter().kinds().isEmpty() ? "all" : new TreeSet<>(c.filter().kinds()))
          + ", fields "
          + (c.filter().fields().isEmpty() ? "all" : new TreeSet<>(c.filter().fields()))
          + "), restored as of backup "
          + c.from();
    }
    RestoreSelection.RecordWithRelated r = (RestoreSelection.RecordWithRelated) s;
    return r.object()
        + " "
        + r.id()
        + (r.children() ? " with its children" : "")
        + (r.parents() ? " with its parents" : "")
        + " as of backup "
        + r.backup();
  }

  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** What the planner knows of the backup and the target org while planning. */
  private final class Context {
    private final Manifest manifest;
    private final boolean sameOrg;
    private final RestoreOptions options;
    private final Map<String, ObjectDescribe> targetDescribe = new HashMap<>();
    private final Map<String, Map<String, ValueKind>> schemaKinds = new HashMap<>();
    private final Map<String, OrgRecord> orgBySource = new HashMap<>();
    private final Map<String, RecordVersion> latest = new HashMap<>();
    private final Map<String, String> objectByPrefix = new HashMap<>();

    /** Parents outside the selection: source Id -> target Id, null when not in the target org. */
    private final Map<String, String> outsideParents = new HashMap<>();

    /** Documents a planned ContentVersion create re-creates. */
    private final Set<String> recreatedDocuments = new TreeSet<>();

    Context(Manifest manifest, boolean sameOrg, RestoreOptions options) {
      this.manifest = manifest;
      this.sameOrg = sameOrg;
      this.options = options;
      for (Manifest.ObjectEntry e : manifest.objects()) {
        if (e.describe() != null && e.describe().keyPrefix() != null) {
          objectByPrefix.put(e.describe().keyPrefix(), e.name());
        }
      }
    }

    Map<String, ValueKind> kinds(String object) {
      return schemaKinds.computeIfAbsent(
          object,
          o -> {
            Map<String, ValueKind> k = new LinkedHashMap<>();
            manifest
                .object(o)
                .ifPresent(
                    e -> {
                      for (FieldSchema f : e.schema()) {
                        if (f.valueKind() != ValueKind.BLOB) {
                          k.put(f.name(), f.valueKind());
                        }
                      }
                    });
            return k;
          });
    }

    ObjectDescribe target(String object) {
      return targetDescribe.computeIfAbsent(
          object,
          o -> {
            SObjectDescription d = target.describe(o);
            return d.toObjectDescribe();
          });
    }

    /** The kinds of the fields both the backup and the target org have, for reading the org. */
    Map<String, ValueKind> readable(String object) {
      Map<String, ValueKind> out = new LinkedHashMap<>();
      ObjectDescribe t = target(object);
      kinds(object)
          .forEach(
              (f, k) -> {
                if (t.fields().containsKey(f)) {
                  out.put(f, k);
                }
              });
      out.remove("Id");
      out.remove("IsDeleted");
      out.remove("SystemModstamp");
      return out;
    }

    void load(String object, TreeMap<String, RecordVersion> records) {
      Map<String, ValueKind> fields = readable(object);
      if (sameOrg) {
        orgBySource.putAll(new OrgRecords(target).byId(object, fields, records.keySet()));
        OptionalLatest.fill(store, object, records.keySet(), latest);
      } else {
        String ext = options.externalIds().get(object);
        if (ext == null) {
          return;
        }
        Map<String, String> sourceByValue = new HashMap<>();
        records
            .values()
            .forEach(
                v -> {
                  if (v.fields().get(ext) instanceof String x && !x.isEmpty()) {
                    sourceByValue.put(x, v.id());
                  }
                });
        new OrgRecords(target)
            .byExternalId(object, ext, fields, sourceByValue.keySet())
            .forEach((value, r) -> orgBySource.put(sourceByValue.get(value), r));
      }
    }

    /** Reads the target org's state of parents the selection points at but does not hold. */
    void loadOutsideParents(Map<String, RecordVersion> versions) {
      Map<String, Set<String>> wanted = new TreeMap<>();
      Snapshot snapshot = store.snapshot(manifest.backupNumber());
      for (RecordVersion v : versions.values()) {
        ObjectDescribe d = manifest.object(v.objectName()).get().describe();
        for (String f : d.referenceFields()) {
          if (v.fields().get(f) instanceof String id && !versions.containsKey(id)) {
            String obj = objectByPrefix.get(id.substring(0, 3));
            if (obj != null && d.fields().get(f).createable()) {
              wanted.computeIfAbsent(obj, o -> new TreeSet<>()).add(id);
            }
          }
        }
      }
      wanted.forEach(
          (obj, ids) -> {
            if (sameOrg) {
              Map<String, OrgRecord> found = new OrgRecords(target).byId(obj, Map.of(), ids);
              for (String id : ids) {
                OrgRecord r = found.get(id);
                outsideParents.put(id, r != null && !r.deleted() ? id : null);
              }
            } else {
              String ext = options.externalIds().get(obj);
              Map<String, String> sourceByValue = new HashMap<>();
              if (ext != null && manifest.object(obj).isPresent()) {
                for (String id : ids) {
                  snapshot
                      .get(obj, id)
                      .filter(x -> !x.isTombstone())
                      .map(x -> x.fields().get(ext))
                      .filter(x -> x instanceof String)
                      .ifPresent(x -> sourceByValue.put((String) x, id));
                }
              }
              ids.forEach(id -> outsideParents.put(id, null));
              if (!sourceByValue.isEmpty()) {
                new OrgRecords(target)
                    .byExternalId(obj, ext, Map.of(), sourceByValue.keySet())
                    .forEach(
                        (value, r) -> {
                          if (!r.deleted()) {
                            outsideParents.put(sourceByValue.get(value), r.id());
                          }
                        });
              }
            }
          });
    }

    /** The action from the record's own state in the target org. */
    PlannedRecord decide(RecordVersion v) {
      String object = v.objectName();
      ObjectDescribe t = target(object);
      OrgRecord org = orgBySource.get(v.id());
      if (object.equals(CONTENT_VERSION)
          && Boolean.FALSE.equals(v.fields().get("IsLatest"))
          && org == null) {
        return PlannedRecord.skip(
            object, v.id(), "an earlier version of a file; only the latest is re-created");
      }
      if (org == null) {
        if (object.equals(CONTENT_DOCUMENT)) {
          return PlannedRecord.skip(object, v.id(), "re-created by restoring its ContentVersion");
        }
        if (sObjectCreateable(object)) {
          return create(
              v, t, sameOrg ? "not in the org (purged or hard-deleted)" : "not in the target org");
        }
        return PlannedRecord.skip(object, v.id(), "object not createable");
      }
      if (org.deleted()) {
        Map<String, Object> fields = diff(v, t, org, true);
        return new PlannedRecord(
            object,
            v.id(),
            RestoreAction.UNDELETE,
            "in the recycle bin",
            org.id(),
            fields,
            List.of(),
            Map.of(),
            leftOut(v, t, false),
            List.of(),
            null);
      }
      Map<String, Object> fields = diff(v, t, org, true);
      String how = sameOrg ? "" : " (matched by " + options.externalIds().get(object) + ")";
      if (fields.isEmpty()) {
        return new PlannedRecord(
            object,
            v.id(),
            RestoreAction.SKIP,
            "unchanged in org" + how,
            org.id(),
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            null);
      }
      List<FieldConflict> conflicts = new ArrayList<>();
      if (sameOrg) {
        RecordVersion last = latest.get(v.id());
        for (Map.Entry<String, Object> e : fields.entrySet()) {
          Object orgValue = org.values().get(e.getKey());
          boolean changedInOrg =
              last == null
                  || !last.fields().containsKey(e.getKey())
                  || !same(last.fields().get(e.getKey()), orgValue);
          if (changedInOrg) {
            conflicts.add(new FieldConflict(e.getKey(), e.getValue(), orgValue));
          }
        }
      }
      if (!conflicts.isEmpty() && options.conflicts() == ConflictPolicy.SKIP) {
        return new PlannedRecord(
            object,
            v.id(),
            RestoreAction.SKIP,
            "changed in org since backup (conflict) — skipped by policy",
            org.id(),
            Map.of(),
            List.of(),
            Map.of(),
            List.of(),
            conflicts,
            null);
      }
      return new PlannedRecord(
          object,
          v.id(),
          RestoreAction.UPDATE,
          conflicts.isEmpty()
              ? "differs from the backup" + how
              : "changed in org since backup (conflict) — overwritten by policy",
          org.id(),
          fields,
          List.of(),
          Map.of(),
          leftOut(v, t, false),
          conflicts,
          null);
    }

    private boolean sObjectCreateable(String object) {
      return !object.equals(CONTENT_DOCUMENT);
    }

    private PlannedRecord create(RecordVersion v, ObjectDescribe t, String reason) {
      Map<String, Object> fields = new LinkedHashMap<>();
      String body = null;
      for (Map.Entry<String, Object> e : v.fields().entrySet()) {
        FieldDescribe f = t.fields().get(e.getKey());
        if (e.getValue() instanceof BlobRef) {
          if (f != null && f.createable()) {
            body = e.getKey();
          }
          continue;
        }
        if (f != null
            && f.createable()
            && !SYSTEM_FIELDS.contains(e.getKey())
            && e.getValue() != null) {
          fields.put(e.getKey(), e.getValue());
        }
      }
      return new PlannedRecord(
          v.objectName(),
          v.id(),
          RestoreAction.CREATE,
          reason,
          null,
          fields,
          List.of(),
          Map.of(),
          leftOut(v, t, true),
          List.of(),
          body);
    }

    /** Fields whose restored value differs from the org's, among those that may be updated. */
    private Map<String, Object> diff(
        RecordVersion v, ObjectDescribe t, OrgRecord org, boolean chosen) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : v.fields().entrySet()) {
        String name = e.getKey();
        FieldDescribe f = t.fields().get(name);
        if (f == null
            || !f.updateable()
            || SYSTEM_FIELDS.contains(name)
            || e.getValue() instanceof BlobRef) {
          continue;
        }
        if (chosen && !options.fields().isEmpty() && !options.fields().contains(name)) {
          continue;
        }
        if (!org.values().containsKey(name)) {
          continue;
        }
        if (!same(e.getValue(), org.values().get(name))) {
          out.put(name, e.getValue());
        }
      }
      return out;
    }

    /** Fields with a value in the backup that a create (or update) cannot send. */
    private List<LeftOutField> leftOut(RecordVersion v, ObjectDescribe t, boolean create) {
      List<LeftOutField> out = new ArrayList<>();
      for (Map.Entry<String, Object> e : v.fields().entrySet()) {
        String name = e.getKey();
        if (SYSTEM_FIELDS.contains(name) || e.getValue() == null) {
          continue;
        }
        FieldDescribe f = t.fields().get(name);
        if (f == null) {
          out.add(new LeftOutField(name, "not in the target org's describe"));
        } else if (create ? !f.createable() : !f.updateable()) {
          if (!create && e.getValue() instanceof BlobRef) {
            continue;
          }
          out.add(
              new LeftOutField(
                  name,
                  f.calculated()
                      ? "formula (calculated)"
                      : f.autoNumber()
                          ? "auto number"
                          : create ? "not createable" : "not updateable"));
        }
      }
      return out;
    }

    /**
     * Rewrites and checks the reference fields of a planned write: a parent re-created by this plan
     * gets its new Id at run time; a parent that keeps or has a known Id in the target is sent as
     * that Id; a parent that will not exist blanks the field, or skips the record when the field is
     * required.
     */
    PlannedRecord references(
        PlannedRecord p,
        RecordVersion v,
        Map<String, PlannedRecord> planned,
        Set<String> deferredFields) {
      if (p.action() == RestoreAction.SKIP) {
        return p;
      }
      if (p.action() == RestoreAction.CREATE
          && p.object().equals(CONTENT_DOCUMENT_LINK)
          && v.fields().get("LinkedEntityId") instanceof String le
          && le.startsWith("005")) {
        return p.skipped("the owner's link is created with the file");
      }
      ObjectDescribe t = target(p.object());
      Map<String, Object> fields = new LinkedHashMap<>(p.fields());
      List<String> rewrites = new ArrayList<>();
      Map<String, String> second = new LinkedHashMap<>();
      List<LeftOutField> leftOut = new ArrayList<>(p.leftOut());
      for (String name : new ArrayList<>(fields.keySet())) {
        FieldDescribe f = t.fields().get(name);
        if (f == null || f.referenceTo().isEmpty() || !(fields.get(name) instanceof String ref)) {
          continue;
        }
        PlannedRecord parent = planned.get(ref);
        String fixedId;
        boolean recreated;
        if (parent != null) {
          recreated =
              parent.action() == RestoreAction.CREATE
                  || parent.object().equals(CONTENT_DOCUMENT)
                      && parent.targetId() == null
                      && hasCreatedVersion(parent.sourceId(), planned);
          fixedId = recreated ? null : parent.targetId();
        } else {
          recreated = false;
          fixedId =
              outsideParents.containsKey(ref) ? outsideParents.get(ref) : sameOrg ? ref : null;
        }
        if (p.object().equals(CONTENT_VERSION) && name.equals("ContentDocumentId")) {
          if (recreated || fixedId == null) {
            fields.remove(name);
            leftOut.add(
                new LeftOutField(name, "a new ContentDocument is created with the version"));
          }
          continue;
        }
        if (recreated) {
          if (deferredFields.contains(p.object() + "." + name)) {
            fields.remove(name);
            second.put(name, ref);
          } else {
            rewrites.add(name);
          }
        } else if (fixedId != null) {
          fields.put(name, fixedId);
        } else if (!sameOrg && f.referenceTo().equals(List.of("User"))) {
          // Users are not restored; Salesforce makes the restoring user the owner or creator.
          fields.remove(name);
          leftOut.add(new LeftOutField(name, "user " + ref + " not mapped in the target org"));
        } else if (f.nillable()) {
          fields.remove(name);
          leftOut.add(
              new LeftOutField(name, "parent " + ref + " not in the target org and not restored"));
        } else {
          return p.skipped("parent not restorable: " + name + " → " + ref);
        }
      }
      return new PlannedRecord(
          p.object(),
          p.sourceId(),
          p.action(),
          p.reason(),
          p.targetId(),
          fields,
          rewrites,
          second,
          leftOut,
          p.conflicts(),
          p.bodyField());
    }

    private boolean hasCreatedVersion(String documentId, Map<String, PlannedRecord> planned) {
      return recreatedDocuments.contains(documentId);
    }
  }

  /** The newest version the store holds of each record (its latest backup), for conflicts. */
  private static final class OptionalLatest {
    static void fill(
        RecordStore store, String object, Set<String> ids, Map<String, RecordVersion> out) {
      var last = store.latestBackup();
      if (last.isEmpty() || store.manifest(last.getAsLong()).object(object).isEmpty()) {
        return;
      }
      try (AscendingLookup l = store.snapshot(last.getAsLong()).ascendingLookup(object)) {
        for (String id : new TreeSet<>(ids)) {
          Optional<RecordVersion> v = l.live(id);
          v.ifPresent(x -> out.put(id, x));
        }
      }
    }
  }
}
