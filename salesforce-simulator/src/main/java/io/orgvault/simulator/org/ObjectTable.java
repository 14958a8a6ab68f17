package io.orgvault.simulator.org;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows of one sObject. Row {@code r} has record number {@code r + 1}, so its Id follows from
 * its position. A row holds only its state (timestamps, revision, deletion); field values are
 * generated on read unless the row was written through the API, in which case the written values
 * are kept whole.
 *
 * <p>Writers are serialised by the {@link Org}; readers take no lock and may see a write that is
 * still in progress, as a client of a real org may.
 */
public final class ObjectTable {
  /** Row states. */
  static final byte LIVE = 0;

  static final byte RECYCLED = 1;
  static final byte PURGED = 2;

  private final SObjectSchema schema;
  private final Org org;
  private final int generatedCount;
  private volatile int size;
  private volatile long[] created;
  private volatile long[] modstamp;
  private volatile long[] deletedAt;
  private volatile int[] revision;
  private volatile int[] modifiedBy;
  private volatile byte[] state;

  /** Deletion batches, so an undelete restores the children a cascade deleted with the parent. */
  private volatile long[] deleteBatch;

  private final Map<Integer, Object[]> written = new ConcurrentHashMap<>();
  private final ValueGenerator.ObjectCounts counts;
  private final int idIndex;
  private final int isDeletedIndex;
  private final int createdDateIndex;
  private final int createdByIndex;
  private final int lastModifiedDateIndex;
  private final int lastModifiedByIndex;
  private final int systemModstampIndex;

  /** Contact and User have a compound Name that Salesforce derives from the name parts. */
  private final int fullNameIndex;

  ObjectTable(Org org, SObjectSchema schema, int generatedCount) {
    this.org = org;
    this.schema = schema;
    this.generatedCount = generatedCount;
    this.counts = org::generatedCount;
    int capacity = Math.max(16, generatedCount + generatedCount / 8);
    created = new long[capacity];
    modstamp = new long[capacity];
    deletedAt = new long[capacity];
    revision = new int[capacity];
    modifiedBy = new int[capacity];
    state = new byte[capacity];
    deleteBatch = new long[capacity];
    idIndex = schema.fieldIndex(SObjectSchema.ID);
    isDeletedIndex = schema.fieldIndex(SObjectSchema.IS_DELETED);
    createdDateIndex = schema.fieldIndex(SObjectSchema.CREATED_DATE);
    createdByIndex = schema.fieldIndex(SObjectSchema.CREATED_BY_ID);
    lastModifiedDateIndex = schema.fieldIndex(SObjectSchema.LAST_MODIFIED_DATE);
    lastModifiedByIndex = schema.fieldIndex(SObjectSchema.LAST_MODIFIED_BY_ID);
    systemModstampIndex = schema.fieldIndex(SObjectSchema.SYSTEM_MODSTAMP);
    FieldDef name = schema.field("Name");
    fullNameIndex =
        name != null && name.generator().equals("fullName") ? schema.fieldIndex("Name") : -1;
    ValueGenerator gen = org.generator();
    for (int r = 0; r < generatedCount; r++) {
      long seq = r + 1L;
      created[r] = gen.createdMillis(schema.name(), seq);
      modstamp[r] = gen.modifiedMillis(schema.name(), seq, created[r]);
      modifiedBy[r] = userSeqFor(seq);
    }
    size = generatedCount;
  }

  public SObjectSchema schema() {
    return schema;
  }

  /** Rows allocated so far, purged ones included: iterate {@code 0..size()-1} and skip purged. */
  public int size() {
    return size;
  }

  /** Rows this object had when the org was generated. */
  public int generatedCount() {
    return generatedCount;
  }

  /** Whether the row is visible to any API: live, or in the recycle bin. */
  public boolean exists(int row) {
    return row >= 0 && row < size && state[row] != PURGED;
  }

  public boolean isLive(int row) {
    return row >= 0 && row < size && state[row] == LIVE;
  }

  /** In the recycle bin: visible to queryAll and getDeleted, restorable by undelete. */
  public boolean isRecycled(int row) {
    return row >= 0 && row < size && state[row] == RECYCLED;
  }

  public boolean isPurged(int row) {
    return row >= 0 && row < size && state[row] == PURGED;
  }

  public String id(int row) {
    return SalesforceId.of(schema.keyPrefix(), row + 1L);
  }

  /** The row of an Id (15 or 18 characters) of this object, or -1 when there is none. */
  public int rowOf(String id) {
    String n = SalesforceId.normalize(id);
    if (n == null || !n.startsWith(schema.keyPrefix())) {
      return -1;
    }
    long seq = SalesforceId.sequence(n);
    if (seq < 1 || seq > size || !n.equals(id(Math.toIntExact(seq - 1)))) {
      return -1;
    }
    return (int) (seq - 1);
  }

  public long systemModstamp(int row) {
    return modstamp[row];
  }

  public long createdDate(int row) {
    return created[row];
  }

  /** When the row went to the recycle bin, or 0 when it is live. */
  public long deletedDate(int row) {
    return deletedAt[row];
  }

  public int revision(int row) {
    return revision[row];
  }

  /**
   * The value of field {@code fieldIndex} of a row, in its canonical Java type (see {@link
   * FieldValues}).
   */
  public Object value(int row, int fieldIndex) {
    if (fieldIndex == idIndex) {
      return id(row);
    }
    if (fieldIndex == isDeletedIndex) {
      return state[row] != LIVE;
    }
    if (fieldIndex == systemModstampIndex || fieldIndex == lastModifiedDateIndex) {
      return Instant.ofEpochMilli(modstamp[row]);
    }
    if (fieldIndex == createdDateIndex) {
      return Instant.ofEpochMilli(created[row]);
    }
    if (fieldIndex == fullNameIndex) {
      return fullName(row);
    }
    Object[] w = written.get(row);
    if (fieldIndex == createdByIndex) {
      // A row written through the API keeps its real creator; generated rows derive one.
      return w != null && w[fieldIndex] != null ? w[fieldIndex] : org.userId(userSeqFor(row + 1L));
    }
    if (fieldIndex == lastModifiedByIndex) {
      return org.userId(modifiedBy[row]);
    }
    if (w != null) {
      return w[fieldIndex];
    }
    return org.generator().value(schema, fieldIndex, row + 1L, revision[row], counts);
  }

  private String fullName(int row) {
    Object first = value(row, schema.fieldIndex("FirstName"));
    Object last = value(row, schema.fieldIndex("LastName"));
    return first == null ? (String) last : first + " " + last;
  }

  public Object value(int row, String fieldName) {
    int i = schema.fieldIndex(fieldName);
    if (i < 0) {
      throw new IllegalArgumentException("no field " + fieldName + " on " + schema.name());
    }
    return value(row, i);
  }

  private int userSeqFor(long seq) {
    int users = Math.max(1, org.generatedCount("User"));
    return 1 + (int) Math.floorMod(ValueGenerator.mix(seq, schema.name().hashCode()), (long) users);
  }

  // ---- writes: called by Org under its write lock ----

  /** Appends a row with explicit values; returns its row number. */
  int append(Object[] values, long now, int userSeq) {
    if (createdByIndex >= 0) {
      values[createdByIndex] = org.userId(userSeq);
    }
    return publish(now, userSeq, values);
  }

  /** Appends a row whose values are generated, as a simulated user insert does. */
  int appendGenerated(long now, int userSeq) {
    return publish(now, userSeq, null);
  }

  /** Fills the next row's state and its written values (if any) before readers can see it. */
  private int publish(long now, int userSeq, Object[] values) {
    int r = size;
    ensureCapacity(r + 1);
    created[r] = now;
    modstamp[r] = now;
    modifiedBy[r] = userSeq;
    if (values != null) {
      written.put(r, values);
    }
    size = r + 1;
    return r;
  }

  /** A mutable copy of all values of a row, for an update. */
  Object[] snapshot(int row) {
    Object[] w = written.get(row);
    if (w != null) {
      return w.clone();
    }
    Object[] v = new Object[schema.fields().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(row, i);
    }
    return v;
  }

  void write(int row, Object[] values, long now, int userSeq) {
    written.put(row, values);
    touch(row, now, userSeq);
  }

  /** A simulated edit: the mutable fields take new generated values. */
  void bumpRevision(int row, long now, int userSeq) {
    revision[row]++;
    Object[] w = written.get(row);
    if (w != null) {
      for (int i = 0; i < w.length; i++) {
        FieldDef f = schema.fields().get(i);
        if (f.mutable()) {
          w[i] = org.generator().value(schema, i, row + 1L, revision[row], counts);
        }
      }
    }
    touch(row, now, userSeq);
  }

  void touch(int row, long now, int userSeq) {
    modstamp[row] = now;
    modifiedBy[row] = userSeq;
  }

  void recycle(int row, long now, int userSeq, long batch) {
    state[row] = RECYCLED;
    deletedAt[row] = now;
    deleteBatch[row] = batch;
    touch(row, now, userSeq);
  }

  long deleteBatch(int row) {
    return deleteBatch[row];
  }

  void restore(int row, long now, int userSeq) {
    state[row] = LIVE;
    deletedAt[row] = 0;
    deleteBatch[row] = 0;
    touch(row, now, userSeq);
  }

  void purge(int row) {
    state[row] = PURGED;
    written.remove(row);
  }

  private void ensureCapacity(int n) {
    if (n <= created.length) {
      return;
    }
    int c = Math.max(n, created.length + created.length / 2);
    // Fill the new arrays before publishing them so lock-free readers never see a gap.
    long[] nCreated = Arrays.copyOf(created, c);
    long[] nModstamp = Arrays.copyOf(modstamp, c);
    long[] nDeletedAt = Arrays.copyOf(deletedAt, c);
    int[] nRevision = Arrays.copyOf(revision, c);
    int[] nModifiedBy = Arrays.copyOf(modifiedBy, c);
    byte[] nState = Arrays.copyOf(state, c);
    long[] nBatch = Arrays.copyOf(deleteBatch, c);
    created = nCreated;
    modstamp = nModstamp;
    deletedAt = nDeletedAt;
    revision = nRevision;
    modifiedBy = nModifiedBy;
    state = nState;
    deleteBatch = nBatch;
  }
}
