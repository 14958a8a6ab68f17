package io.orgvault.simulator.org;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Salesforce org: its objects' rows, its users and its clock, with the DML semantics
 * every API shares (validation, system fields, cascade delete, recycle bin, undelete). REST, Bulk
 * and SOAP handlers translate wire formats and call these methods; none of them touches rows
 * directly.
 */
public final class Org {
  /** How long a deleted row stays in the recycle bin before it is purged. */
  public static final long RECYCLE_BIN_DAYS = 15;

  /** The error of a record that was valid in an all-or-none call that failed. */
  public static final String ROLLED_BACK =
      "Record rolled back because not all records were valid and the request was using"
          + " AllOrNone header";

  private final String orgId;
  private final Catalog catalog;
  private final OrgClock clock;
  private final ValueGenerator generator;
  private final Map<String, Integer> generatedCounts;
  private final Map<String, ObjectTable> tables = new LinkedHashMap<>();

  /** Cascade-delete references, by parent object name. */
  private final Map<String, List<ReferenceIndex>> cascades = new HashMap<>();

  private final AtomicLong deleteBatches = new AtomicLong();
  private final Object writeLock = new Object();
  private int simulatedDays;

  /** While an all-or-none call is writing: how to undo each of its writes, newest first. */
  private Deque<Runnable> undoLog;

  /** Validation rules by object name (lower case), in the order they were added. */
  private final Map<String, List<ValidationRule>> validationRules =
      new java.util.concurrent.ConcurrentHashMap<>();

  Org(long seed, Catalog catalog, OrgClock clock, Map<String, Integer> counts) {
    this.catalog = catalog;
    this.clock = clock;
    this.generator = new ValueGenerator(seed, clock.start(), catalog);
    this.generatedCounts = Map.copyOf(counts);
    this.orgId = SalesforceId.of("00D", 1 + Math.floorMod(seed, 1_000_000L));
    for (SObjectSchema s : catalog.objects()) {
      tables.put(key(s.name()), new ObjectTable(this, s, counts.getOrDefault(s.name(), 0)));
    }
    for (SObjectSchema s : catalog.objects()) {
      for (int i = 0; i < s.fields().size(); i++) {
        FieldDef f = s.fields().get(i);
        if (f.isReference() && f.cascadeDelete()) {
          for (String parent : f.referenceTo()) {
            cascades
                .computeIfAbsent(key(parent), k -> new ArrayList<>())
                .add(new ReferenceIndex(table(s.name()), i));
          }
        }
      }
    }
  }

  /** Generates an org: the same seed and size always give the same org. */
  public static Org generate(long seed, OrgSize size, OrgClock clock) {
    return new Org(seed, Catalog.standard(), clock, size.counts());
  }

  public String orgId() {
    return orgId;
  }

  public Catalog catalog() {
    return catalog;
  }

  public OrgClock clock() {
    return clock;
  }

  ValueGenerator generator() {
    return generator;
  }

  /** The table of an object (case-insensitive name), or null when the org has no such object. */
  public ObjectTable table(String object) {
    return tables.get(key(object));
  }

  public List<ObjectTable> tables() {
    return List.copyOf(tables.values());
  }

  public int generatedCount(String object) {
    return generatedCounts.getOrDefault(object, 0);
  }

  /** The Id of user number {@code seq} (1-based). */
  public String userId(int seq) {
    return SalesforceId.of(catalog.object("User").keyPrefix(), seq);
  }

  /** The API user tokens are issued to by default: user number 1. */
  public String integrationUserId() {
    return userId(1);
  }

  public String username(String userId) {
    ObjectTable users = table("User");
    int row = users.rowOf(userId);
    return row < 0 ? null : (String) users.value(row, "Username");
  }

  /** The user with this username, or null. */
  public String userIdByUsername(String username) {
    ObjectTable users = table("User");
    for (int r = 0; r < users.size(); r++) {
      if (users.isLive(r) && username.equalsIgnoreCase((String) users.value(r, "Username"))) {
        return users.id(r);
      }
    }
    return null;
  }

  /** Days simulated since the org was generated. */
  public synchronized int simulatedDays() {
    return simulatedDays;
  }

  /**
   * The earliest deletion {@code getDeleted} can still report for an object: the deletion time of
   * the newest row purged from the recycle bin, or, before any purge, the bin's retention back from
   * now. REST and SOAP both answer {@code earliestDateAvailable} from this.
   */
  public java.time.Instant earliestDeletionAvailable(ObjectTable t) {
    long lastPurged = Long.MIN_VALUE;
    for (int r = 0; r < t.size(); r++) {
      if (t.isPurged(r) && t.deletedDate(r) > lastPurged) {
        lastPurged = t.deletedDate(r);
      }
    }
    return lastPurged == Long.MIN_VALUE
        ? clock.now().minus(java.time.Duration.ofDays(RECYCLE_BIN_DAYS))
        : java.time.Instant.ofEpochMilli(lastPurged);
  }

  /** Where an Id lives: the object's table and the row, or null when no row has this Id. */
  public RowRef find(String id) {
    String n = SalesforceId.normalize(id);
    if (n == null) {
      return null;
    }
    SObjectSchema s = catalog.byKeyPrefix(SalesforceId.keyPrefix(n));
    if (s == null) {
      return null;
    }
    ObjectTable t = table(s.name());
    int row = t.rowOf(n);
    return row < 0 || !t.exists(row) ? null : new RowRef(t, row);
  }

  /** A row of a table. */
  public record RowRef(ObjectTable table, int row) {
    public String id() {
      return table.id(row);
    }
  }

  // ------------------------------------------------------------------ validation rules

  /**
   * Adds a validation rule: from now on an insert or update of {@code object} whose record makes
   * {@code errorCondition} true fails with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION} in every API.
   *
   * @param errorField the field the error names, or null for none
   * @throws IllegalArgumentException when the object or the error field does not exist
   */
  public ValidationRule addValidationRule(
      String object,
      String ruleName,
      java.util.function.Predicate<Map<String, Object>> errorCondition,
      String errorMessage,
      String errorField) {
    ObjectTable t = table(object);
    if (t == null) {
      throw new IllegalArgumentException("no such object: " + object);
    }
    FieldDef f = errorField == null ? null : t.schema().field(errorField);
    if (errorField != null && f == null) {
      throw new IllegalArgumentException("no such field on " + object + ": " + errorField);
    }
    ValidationRule rule =
        new ValidationRule(
            t.schema().name(), ruleName, errorCondition, errorMessage, f == null ? null : f.name());
    validationRules
        .computeIfAbsent(key(object), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(rule);
    return rule;
  }

  /** Removes a validation rule (deactivates it); true when it was active. */
  public boolean removeValidationRule(ValidationRule rule) {
    List<ValidationRule> rules = validationRules.get(key(rule.object()));
    return rules != null && rules.remove(rule);
  }

  /** Runs the object's validation rules on the values a record would be saved with. */
  private void validate(SObjectSchema s, Object[] values) {
    List<ValidationRule> rules = validationRules.get(key(s.name()));
    if (rules == null || rules.isEmpty()) {
      return;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      record.put(s.fields().get(i).name(), values[i]);
    }
    Map<String, Object> view = java.util.Collections.unmodifiableMap(record);
    for (ValidationRule rule : rules) {
      if (rule.errorCondition().test(view)) {
        throw new DmlException(
            "FIELD_CUSTOM_VALIDATION_EXCEPTION",
            rule.errorMessage(),
            rule.errorField() == null ? List.of() : List.of(rule.errorField()));
      }
    }
  }

  // ------------------------------------------------------------------ DML

  /**
   * Creates a record. Field names are case-insensitive; values are wire values (see {@link
   * FieldValues}).
   */
  public DmlResult insert(String object, Map<String, ?> fields, String userId) {
    return write(DmlOperation.insert(object, fields), userId);
  }

  /** Updates a record by Id; the Id may also be given in the field map as {@code Id}. */
  public DmlResult update(String object, String id, Map<String, ?> fields, String userId) {
    return write(DmlOperation.update(object, id, fields), userId);
  }

  /**
   * Inserts or updates by an external Id field (or {@code Id}); several matches fail with {@code
   * DUPLICATE_EXTERNAL_ID}.
   */
  public DmlResult upsert(
      String object, String externalIdField, Map<String, ?> fields, String userId) {
    return write(DmlOperation.upsert(object, externalIdField, fields), userId);
  }

  /** Moves a record, and what cascades from it, to the recycle bin. */
  public DmlResult delete(String id, String userId) {
    return write(DmlOperation.delete(id), userId);
  }

  /** Restores a record from the recycle bin with the rows its deletion cascaded to. */
  public DmlResult undelete(String id, String userId) {
    return write(DmlOperation.undelete(id), userId);
  }

  /** Writes one record; a failure is reported in the result. */
  public DmlResult write(DmlOperation op, String userId) {
    try {
      synchronized (writeLock) {
        return apply(op, userId);
      }
    } catch (DmlException e) {
      return DmlResult.failed(op.id(), e);
    }
  }

  /** Writes records each on its own, or all or none ({@link #writeAllOrNone}); results in order. */
  public List<DmlResult> write(List<DmlOperation> ops, boolean allOrNone, String userId) {
    if (allOrNone) {
      return writeAllOrNone(ops, userId);
    }
    List<DmlResult> results = new ArrayList<>(ops.size());
    for (DmlOperation op : ops) {
      results.add(write(op, userId));
    }
    return results;
  }

  /**
   * Writes every record or none (the all-or-none mode of the APIs), holding the write lock
   * throughout so no other write comes between. Every operation is checked before any is written. A
   * write can still fail where an earlier one of the same call changed what it needs (the same Id
   * deleted twice, a child whose parent the call deleted); the writes already made are then undone.
   * When the call fails, each record that did not fail itself reports {@code
   * ALL_OR_NONE_OPERATION_ROLLED_BACK}. Results are in operation order.
   */
  public List<DmlResult> writeAllOrNone(List<DmlOperation> ops, String userId) {
    synchronized (writeLock) {
      DmlException[] errors = new DmlException[ops.size()];
      boolean valid = true;
      for (int i = 0; i < ops.size(); i++) {
        errors[i] = check(ops.get(i), userId);
        valid &= errors[i] == null;
      }
      if (valid) {
        List<DmlResult> written = new ArrayList<>();
        undoLog = new ArrayDeque<>();
        try {
          for (DmlOperation op : ops) {
            DmlResult r = write(op, userId);
            if (!r.success()) {
              errors[written.size()] = r.errors().get(0);
              break;
            }
            written.add(r);
          }
        } finally {
          // A failed write, or an unexpected exception, leaves the org as the call found it.
          Deque<Runnable> undo = undoLog;
          undoLog = null;
          if (written.size() < ops.size()) {
            undo.forEach(Runnable::run);
          }
        }
        if (written.size() == ops.size()) {
          return written;
        }
      }
      List<DmlResult> results = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        results.add(
            DmlResult.failed(
                ops.get(i).id(),
                errors[i] != null
                    ? errors[i]
                    : new DmlException("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK)));
      }
      return results;
    }
  }

  /** The error an operation would fail with now, or null; writes nothing. */
  private DmlException check(DmlOperation op, String userId) {
    try {
      switch (op.kind()) {
        case INSERT -> checkInsert(op.object(), op.fields(), userId);
        case UPDATE -> checkUpdate(op.object(), op.id(), op.fields());
        case UPSERT -> {
          UpsertTarget target = upsertTarget(op.object(), op.externalIdField(), op.fields());
          if (target.id() == null) {
            checkInsert(op.object(), target.fields(), userId);
          } else {
            checkUpdate(op.object(), target.id(), target.fields());
          }
        }
        case DELETE -> checkDelete(op.id());
        case UNDELETE -> checkUndelete(op.id());
        case REFUSED -> throw op.refusal();
      }
      return null;
    } catch (DmlException e) {
      return e;
    }
  }

  /** Checks and writes, under the write lock. */
  private DmlResult apply(DmlOperation op, String userId) {
    return switch (op.kind()) {
      case INSERT -> DmlResult.ok(insertLocked(op.object(), op.fields(), userId), true);
      case UPDATE -> DmlResult.ok(updateLocked(op.object(), op.id(), op.fields(), userId), false);
      case UPSERT -> {
        UpsertTarget target = upsertTarget(op.object(), op.externalIdField(), op.fields());
        yield target.id() == null
            ? DmlResult.ok(insertLocked(op.object(), target.fields(), userId), true)
            : DmlResult.ok(updateLocked(op.object(), target.id(), target.fields(), userId), false);
      }
      case DELETE -> DmlResult.ok(deleteLocked(op.id(), userId), false);
      case UNDELETE -> DmlResult.ok(undeleteLocked(op.id(), userId), false);
      case REFUSED -> throw op.refusal();
    };
  }

  /** Empties rows from the recycle bin at once (like Database.emptyRecycleBin). */
  public DmlResult purge(String id) {
    synchronized (writeLock) {
      RowRef ref = find(id);
      if (ref == null || !ref.table().isRecycled(ref.row())) {
        return DmlResult.failed(
            id, new DmlException("ENTITY_IS_DELETED", "entity is not in the recycle bin"));
      }
      ref.table().purge(ref.row());
      return DmlResult.ok(ref.id(), false);
    }
  }

  /**
   * The body of a base64 field ({@code VersionData}, {@code Body}) of a record.
   *
   * @throws DmlException NOT_FOUND when there is no such record or field
   */
  public byte[] blob(String object, String id, String field) {
    ObjectTable t = requireTable(object);
    int row = t.rowOf(id);
    FieldDef f = t.schema().field(field);
    if (row < 0 || !t.exists(row) || f == null || f.type() != FieldType.BASE64) {
      throw new DmlException("NOT_FOUND", "The requested resource does not exist");
    }
    return (byte[]) t.value(row, t.schema().fieldIndex(field));
  }

  /** A validated insert: the row it appends. */
  private record Insert(ObjectTable table, Object[] values) {}

  private Insert checkInsert(String object, Map<String, ?> fields, String userId) {
    ObjectTable t = requireTable(object);
    SObjectSchema s = t.schema();
    if (!s.createable()) {
      throw new DmlException(
          "INVALID_TYPE", "entity type " + s.name() + " does not support insert");
    }
    Object[] values = new Object[s.fields().size()];
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      FieldDef f = requireField(s, e.getKey());
      if (f.name().equals(SObjectSchema.ID) || !f.createable()) {
        if (f.name().equals(SObjectSchema.ID) && e.getValue() == null) {
          continue;
        }
        throw notWritable(f);
      }
      values[s.fieldIndex(f.name())] = FieldValues.coerce(f, e.getValue());
    }
    applyDefaults(s, values, userId);
    applyDerived(s, values, -1);
    for (int i = 0; i < values.length; i++) {
      FieldDef f = s.fields().get(i);
      if (f.createable() && !f.nillable() && values[i] == null) {
        throw new DmlException(
            "REQUIRED_FIELD_MISSING",
            "Required fields are missing: [" + f.name() + "]",
            List.of(f.name()));
      }
      if (f.isReference() && values[i] != null && f.createable()) {
        checkReference(f, (String) values[i]);
      }
    }
    validate(s, values);
    return new Insert(t, values);
  }

  private String insertLocked(String object, Map<String, ?> fields, String userId) {
    Insert insert = checkInsert(object, fields, userId);
    ObjectTable t = insert.table();
    Object[] values = insert.values();
    int row = t.append(values, clock.tick(), userSeq(userId));
    indexWrite(t, row, new Object[values.length], values);
    afterInsert(t, row, values, userId);
    logUndo(
        () -> {
          recycleCascade(t, row, clock.tick(), userSeq(userId), deleteBatches.incrementAndGet());
          t.purge(row);
        });
    return t.id(row);
  }

  /** A validated update: the row, its values before and after. */
  private record Update(RowRef ref, Object[] old, Object[] values) {}

  private Update checkUpdate(String object, String id, Map<String, ?> fields) {
    String target = id;
    Object idInMap = valueFor(fields, SObjectSchema.ID);
    if (target == null && idInMap != null) {
      target = idInMap.toString();
    }
    if (target == null) {
      throw new DmlException("MISSING_ARGUMENT", "Id not specified in an update call");
    }
    RowRef ref = requireRow(target);
    ObjectTable t = ref.table();
    SObjectSchema s = t.schema();
    if (object != null && !s.name().equalsIgnoreCase(object)) {
      throw new DmlException(
          "MALFORMED_ID", "Provided Id " + target + " is not of type " + object, List.of("Id"));
    }
    if (!t.isLive(ref.row())) {
      throw new DmlException("ENTITY_IS_DELETED", "entity is deleted");
    }
    Object[] old = t.snapshot(ref.row());
    Object[] values = old.clone();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      FieldDef f = requireField(s, e.getKey());
      if (f.name().equals(SObjectSchema.ID)) {
        continue;
      }
      if (!f.updateable()) {
        throw notWritable(f);
      }
      Object v = FieldValues.coerce(f, e.getValue());
      if (v == null && !f.nillable()) {
        throw new DmlException(
            "REQUIRED_FIELD_MISSING",
            "Required fields are missing: [" + f.name() + "]",
            List.of(f.name()));
      }
      if (f.isReference() && v != null) {
        checkReference(f, (String) v);
      }
      values[s.fieldIndex(f.name())] = v;
    }
    applyDerived(s, values, ref.row());
    validate(s, values);
    return new Update(ref, old, values);
  }

  private String updateLocked(String object, String id, Map<String, ?> fields, String userId) {
    Update update = checkUpdate(object, id, fields);
    ObjectTable t = update.ref().table();
    int row = update.ref().row();
    t.write(row, update.values(), clock.tick(), userSeq(userId));
    indexWrite(t, row, update.old(), update.values());
    logUndo(
        () -> {
          t.write(row, update.old(), clock.tick(), userSeq(userId));
          indexWrite(t, row, update.values(), update.old());
        });
    return update.ref().id();
  }

  /** Where an upsert goes: the Id of the one matching row (null: an insert), and what to write. */
  private record UpsertTarget(String id, Map<String, ?> fields) {}

  private UpsertTarget upsertTarget(String object, String externalIdField, Map<String, ?> fields) {
    ObjectTable t = requireTable(object);
    FieldDef ext = t.schema().field(externalIdField);
    if (ext == null || !(ext.externalId() || ext.name().equals(SObjectSchema.ID))) {
      throw new DmlException(
          "INVALID_FIELD",
          "Field " + externalIdField + " is not an external id field on " + object);
    }
    Object key = valueFor(fields, ext.name());
    if (key == null) {
      throw new DmlException(
          "MISSING_ARGUMENT", ext.name() + " not specified", List.of(ext.name()));
    }
    Object canonical = FieldValues.coerce(ext, key);
    List<Integer> matches = new ArrayList<>();
    int fi = t.schema().fieldIndex(ext.name());
    for (int r = 0; r < t.size() && matches.size() < 2; r++) {
      if (t.isLive(r) && canonical.equals(t.value(r, fi))) {
        matches.add(r);
      }
    }
    if (matches.size() > 1) {
      throw new DmlException(
          "DUPLICATE_EXTERNAL_ID",
          ext.name() + ": more than one record found for external id field",
          List.of(ext.name()));
    }
    if (matches.isEmpty()) {
      if (ext.name().equals(SObjectSchema.ID)) {
        throw new DmlException(
            "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + key);
      }
      return new UpsertTarget(null, fields);
    }
    Map<String, Object> rest = new LinkedHashMap<>(fields);
    rest.keySet().removeIf(k -> k.equalsIgnoreCase(ext.name()) && !ext.updateable());
    return new UpsertTarget(t.id(matches.get(0)), rest);
  }

  private RowRef checkDelete(String id) {
    RowRef ref = requireRow(id);
    if (!ref.table().schema().deletable()) {
      throw new DmlException(
          "INVALID_OPERATION", "Cannot delete records of " + ref.table().schema().name());
    }
    if (!ref.table().isLive(ref.row())) {
      throw new DmlException("ENTITY_IS_DELETED", "entity is deleted");
    }
    return ref;
  }

  private String deleteLocked(String id, String userId) {
    RowRef ref = checkDelete(id);
    recycleCascade(
        ref.table(), ref.row(), clock.tick(), userSeq(userId), deleteBatches.incrementAndGet());
    logUndo(() -> restoreCascade(ref.table(), ref.row(), clock.tick(), userSeq(userId)));
    return ref.id();
  }

  private RowRef checkUndelete(String id) {
    RowRef ref = requireRow(id);
    if (!ref.table().isRecycled(ref.row())) {
      throw new DmlException("UNDELETE_FAILED", "Entity is not in the recycle bin");
    }
    return ref;
  }

  private String undeleteLocked(String id, String userId) {
    RowRef ref = checkUndelete(id);
    restoreCascade(ref.table(), ref.row(), clock.tick(), userSeq(userId));
    logUndo(
        () ->
            recycleCascade(
                ref.table(),
                ref.row(),
                clock.tick(),
                userSeq(userId),
                deleteBatches.incrementAndGet()));
    return ref.id();
  }

  /** Records how to undo a write while an all-or-none call is writing. */
  private void logUndo(Runnable undo) {
    if (undoLog != null) {
      undoLog.push(undo);
    }
  }

  private void applyDefaults(SObjectSchema s, Object[] v, String userId) {
    set(s, v, SObjectSchema.OWNER_ID, userId, true);
    set(s, v, SObjectSchema.IS_DELETED, Boolean.FALSE, true);
    for (int i = 0; i < v.length; i++) {
      FieldDef f = s.fields().get(i);
      if (v[i] == null
          && f.type() == FieldType.BOOLEAN
          && !f.name().equals(SObjectSchema.IS_DELETED)) {
        v[i] = "true".equals(f.generator());
      }
      if (v[i] == null && f.defaultedOnCreate() && f.type() == FieldType.PICKLIST) {
        v[i] = f.picklistValues().get(0);
      }
    }
  }

  /** Fields Salesforce derives from others on every save. */
  private void applyDerived(SObjectSchema s, Object[] v, int existingRow) {
    switch (s.name()) {
      case "Opportunity" -> {
        Object stage = v[s.fieldIndex("StageName")];
        v[s.fieldIndex("IsClosed")] = stage != null && stage.toString().startsWith("Closed");
      }
      case "Case" -> {
        if (existingRow < 0) {
          v[s.fieldIndex("CaseNumber")] = ValueGenerator.zeroPadded(table("Case").size() + 1L, 8);
        }
      }
      case "Attachment" -> {
        byte[] body = (byte[]) v[s.fieldIndex("Body")];
        v[s.fieldIndex("BodyLength")] = body == null ? null : body.length;
      }
      case "ContentVersion" -> {
        if (existingRow < 0) {
          byte[] data = (byte[]) v[s.fieldIndex("VersionData")];
          v[s.fieldIndex("ContentSize")] = data == null ? null : data.length;
          Object path = v[s.fieldIndex("PathOnClient")];
          if (v[s.fieldIndex("Title")] == null && path != null) {
            String p = path.toString();
            int dot = p.lastIndexOf('.');
            v[s.fieldIndex("Title")] = dot > 0 ? p.substring(0, dot) : p;
          }
          v[s.fieldIndex("FileExtension")] = extension(path);
          v[s.fieldIndex("IsLatest")] = Boolean.TRUE;
        }
      }
      default -> {}
    }
  }

  private static String extension(Object path) {
    if (path == null) {
      return null;
    }
    String p = path.toString();
    int dot = p.lastIndexOf('.');
    return dot < 0 ? null : p.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** A new ContentVersion without a document creates its ContentDocument, as in Salesforce. */
  private void afterInsert(ObjectTable t, int row, Object[] v, String userId) {
    if (!t.schema().name().equals("ContentVersion")) {
      return;
    }
    SObjectSchema cvs = t.schema();
    ObjectTable docs = table("ContentDocument");
    SObjectSchema ds = docs.schema();
    int docField = cvs.fieldIndex("ContentDocumentId");
    String docId = (String) v[docField];
    int number = 1;
    if (docId == null) {
      Object[] d = new Object[ds.fields().size()];
      set(ds, d, SObjectSchema.OWNER_ID, userId, false);
      set(ds, d, SObjectSchema.IS_DELETED, Boolean.FALSE, false);
      int docRow = docs.append(d, clock.tick(), userSeq(userId));
      docId = docs.id(docRow);
      v[docField] = docId;
    } else {
      // A new version of an existing document: the previous latest is no longer latest.
      int latestField = cvs.fieldIndex("IsLatest");
      for (int r : cascadeChildren("ContentDocument", docId, t)) {
        if (r == row) {
          continue;
        }
        Object[] prev = t.snapshot(r);
        if (Boolean.TRUE.equals(prev[latestField])) {
          prev[latestField] = Boolean.FALSE;
          t.write(r, prev, clock.tick(), userSeq(userId));
        }
        number++;
      }
    }
    v[cvs.fieldIndex("VersionNumber")] = Integer.toString(number);
    int docRow = docs.rowOf(docId);
    Object[] d = docs.snapshot(docRow);
    d[ds.fieldIndex("Title")] = v[cvs.fieldIndex("Title")];
    d[ds.fieldIndex("FileExtension")] = v[cvs.fieldIndex("FileExtension")];
    d[ds.fieldIndex("ContentSize")] = v[cvs.fieldIndex("ContentSize")];
    d[ds.fieldIndex("LatestPublishedVersionId")] = t.id(row);
    docs.write(docRow, d, clock.tick(), userSeq(userId));
  }

  private List<Integer> cascadeChildren(String parentObject, String parentId, ObjectTable child) {
    for (ReferenceIndex idx : cascades.getOrDefault(key(parentObject), List.of())) {
      if (idx.child() == child) {
        return idx.children(parentId);
      }
    }
    return List.of();
  }

  private void indexWrite(ObjectTable t, int row, Object[] old, Object[] values) {
    for (List<ReferenceIndex> list : cascades.values()) {
      for (ReferenceIndex idx : list) {
        if (idx.child() == t) {
          int fi = idx.fieldIndex();
          idx.changed(row, old[fi], values[fi]);
        }
      }
    }
  }

  private void recycleCascade(ObjectTable t, int row, long now, int userSeq, long batch) {
    t.recycle(row, now, userSeq, batch);
    String id = t.id(row);
    for (ReferenceIndex idx : cascades.getOrDefault(key(t.schema().name()), List.of())) {
      for (int child : idx.children(id)) {
        if (idx.child().isLive(child)) {
          recycleCascade(idx.child(), child, now, userSeq, batch);
        }
      }
    }
  }

  private void restoreCascade(ObjectTable t, int row, long now, int userSeq) {
    long batch = t.deleteBatch(row);
    t.restore(row, now, userSeq);
    String id = t.id(row);
    for (ReferenceIndex idx : cascades.getOrDefault(key(t.schema().name()), List.of())) {
      for (int child : idx.children(id)) {
        if (idx.child().isRecycled(child) && idx.child().deleteBatch(child) == batch) {
          restoreCascade(idx.child(), child, now, userSeq);
        }
      }
    }
  }

  private void checkReference(FieldDef f, String id) {
    RowRef ref = find(id);
    boolean typeOk =
        ref != null
            && f.referenceTo().stream()
                .anyMatch(o -> o.equalsIgnoreCase(ref.table().schema().name()));
    if (ref == null || !typeOk || !ref.table().isLive(ref.row())) {
      throw new DmlException(
          ref != null && typeOk ? "ENTITY_IS_DELETED" : "INVALID_CROSS_REFERENCE_KEY",
          f.label() + ": id value of incorrect type: " + id,
          List.of(f.name()));
    }
  }

  private ObjectTable requireTable(String object) {
    ObjectTable t = object == null ? null : table(object);
    if (t == null) {
      throw new DmlException("NOT_FOUND", "The requested resource does not exist");
    }
    return t;
  }

  private RowRef requireRow(String id) {
    if (SalesforceId.normalize(id) == null) {
      throw new DmlException("MALFORMED_ID", "malformed id " + id, List.of("Id"));
    }
    RowRef ref = find(id);
    if (ref == null) {
      throw new DmlException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    }
    return ref;
  }

  private static FieldDef requireField(SObjectSchema s, String name) {
    FieldDef f = s.field(name);
    if (f == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "No such column '" + name + "' on sobject of type " + s.name(),
          List.of(name));
    }
    return f;
  }

  private static DmlException notWritable(FieldDef f) {
    return new DmlException(
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        "Unable to create/update fields: "
            + f.name()
            + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
        List.of(f.name()));
  }

  private static Object valueFor(Map<String, ?> fields, String name) {
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void set(
      SObjectSchema s, Object[] v, String field, Object value, boolean onlyIfNull) {
    int i = s.fieldIndex(field);
    if (i >= 0 && (!onlyIfNull || v[i] == null)) {
      v[i] = value;
    }
  }

  private int userSeq(String userId) {
    long seq = SalesforceId.sequence(userId);
    return seq < 1 ? 1 : (int) seq;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ simulated days

  /**
   * Advances the org by one day of user activity at these rates: updates, deletes, inserts,
   * undeletes and new files, spread over the day, then purges recycle-bin rows older than {@link
   * #RECYCLE_BIN_DAYS}. Deterministic for a given seed and day number.
   */
  public DayReport simulateDay(DayRates rates) {
    synchronized (writeLock) {
      int day;
      synchronized (this) {
        day = ++simulatedDays;
      }
      return new SimulatedDay(this, rates, day).run();
    }
  }

  // package-private hooks for SimulatedDay
  void bump(ObjectTable t, int row, long now, int userSeq) {
    Object[] old = t.snapshot(row);
    t.bumpRevision(row, now, userSeq);
    indexWrite(t, row, old, t.snapshot(row));
  }

  void recycle(ObjectTable t, int row, long now, int userSeq) {
    recycleCascade(t, row, now, userSeq, deleteBatches.incrementAndGet());
  }

  void restore(ObjectTable t, int row, long now, int userSeq) {
    restoreCascade(t, row, now, userSeq);
  }

  int insertGenerated(ObjectTable t, long now, int userSeq) {
    int row = t.appendGenerated(now, userSeq);
    Object[] none = new Object[t.schema().fields().size()];
    indexWrite(t, row, none, t.snapshot(row));
    return row;
  }

  String insertFile(String title, byte[] body, String linkedEntityId, String userId) {
    Map<String, Object> cv = new LinkedHashMap<>();
    cv.put("Title", title);
    cv.put("PathOnClient", title + ".txt");
    cv.put("VersionData", body);
    String cvId = insertLocked("ContentVersion", cv, userId);
    ObjectTable cvt = table("ContentVersion");
    String docId = (String) cvt.value(cvt.rowOf(cvId), "ContentDocumentId");
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("ContentDocumentId", docId);
    link.put("LinkedEntityId", linkedEntityId);
    link.put("ShareType", "V");
    insertLocked("ContentDocumentLink", link, userId);
    return cvId;
  }
}
