package io.orgvault.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compare across a schema change (fields added, removed, retyped), a delete followed by an undelete
 * in a later backup, a record not rewritten since before a field existed, and file bodies that
 * change or are stored again unchanged. Written straight through the store's writer, since the
 * simulator's schema is fixed.
 */
class CompareSchemaAndFilesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final List<FieldSchema> V1 =
      List.of(
          FieldSchema.of("Id", "id"),
          FieldSchema.of("Name", "string"),
          FieldSchema.of("Amount", "int"),
          FieldSchema.of("Legacy", "string"));
  private static final List<FieldSchema> V2 =
      List.of(
          FieldSchema.of("Id", "id"),
          FieldSchema.of("Name", "string"),
          FieldSchema.of("Amount", "double"),
          FieldSchema.of("Fresh", "string"));
  private static final List<FieldSchema> FILES =
      List.of(FieldSchema.of("Id", "id"), FieldSchema.of("VersionData", "base64"));

  static String id(int i) {
    return String.format("a01%015d", i);
  }

  static String fileId(int i) {
    return String.format("068%015d", i);
  }

  static RecordVersion row(int i, long t, Object... kv) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Id", id(i));
    for (int k = 0; k < kv.length; k += 2) {
      f.put((String) kv[k], kv[k + 1]);
    }
    return RecordVersion.upsert("Thing__c", id(i), t, f);
  }

  @Test
  void schemaChangesUndeletesAndFileBodies() throws Exception {
    Path dir = Files.createTempDirectory("orgvault-compare-schema");
    Path kek = dir.resolve("kek");
    FileKeyEncryptionKey.generate(kek);
    try (RecordStore store =
        RecordStore.create(dir.resolve("v"), "tenant-a", FileKeyEncryptionKey.load(kek))) {
      try (BackupWriter b = store.beginBackup("00D000000000001EAA")) {
        ObjectWriter w = b.object("Thing__c", V1);
        for (int i = 1; i <= 5; i++) {
          w.add(row(i, T0, "Name", "n" + i, "Amount", (long) i, "Legacy", "old" + i));
        }
        ObjectWriter f = b.object("ContentVersion", FILES);
        f.add(file(1, T0, b.writeBlob(stream(body("one")))));
        f.add(file(2, T0, b.writeBlob(stream(body("two")))));
        b.commit();
      }
      try (BackupWriter b = store.beginBackup("00D000000000001EAA")) {
        ObjectWriter w = b.object("Thing__c", V2);
        // 1: rewritten with the same values under the new schema: unchanged.
        w.add(row(1, T0 + 10, "Name", "n1", "Amount", new BigDecimal("1.0"), "Fresh", "f1"));
        // 2: a real change.
        w.add(row(2, T0 + 10, "Name", "renamed", "Amount", new BigDecimal("2"), "Fresh", null));
        // 3: deleted.
        w.add(RecordVersion.tombstone("Thing__c", id(3), T0 + 10));
        // 6: new.
        w.add(row(6, T0 + 10, "Name", "n6", "Amount", new BigDecimal("6"), "Fresh", "f6"));
        ObjectWriter f = b.object("ContentVersion", FILES);
        f.add(file(1, T0 + 10, b.writeBlob(stream(body("one, new body")))));
        f.add(file(2, T0 + 10, b.writeBlob(stream(body("two"))))); // the same body stored again
        b.commit();
      }
      try (BackupWriter b = store.beginBackup("00D000000000001EAA")) {
        ObjectWriter w = b.object("Thing__c", V2);
        // 3: undeleted, unchanged.
        w.add(row(3, T0 + 20, "Name", "n3", "Amount", new BigDecimal("3"), "Fresh", null));
        // 5: last written by backup 1 (no Fresh there): only Name is compared.
        w.add(row(5, T0 + 20, "Name", "n5!", "Amount", new BigDecimal("5.00"), "Fresh", "f5"));
        b.commit();
      }

      Comparison c12 = Comparison.between(store, 1, 2);
      SchemaDiff schema = c12.schema("Thing__c");
      assertThat(schema.addedFields()).containsExactly("Fresh");
      assertThat(schema.removedFields()).containsExactly("Legacy");
      assertThat(schema.typeChangedFields()).containsExactly("Amount");
      assertThat(c12.schema("ContentVersion").isEmpty()).isTrue();
      assertThat(describe(c12))
          .containsExactly(
              "ContentVersion " + fileId(1) + " CHANGED [VersionData]",
              "Thing__c " + id(2) + " CHANGED [Name]",
              "Thing__c " + id(3) + " DELETED []",
              "Thing__c " + id(6) + " ADDED []");
      RecordChange body = first(c12, "ContentVersion");
      FieldChange vd = body.fields().get(0);
      assertThat(((BlobRef) vd.oldValue()).bodyHash())
          .isNotEqualTo(((BlobRef) vd.newValue()).bodyHash());
      assertThat(((BlobRef) vd.newValue()).length()).isEqualTo(body("one, new body").length);
      assertThat(store.openBlob((BlobRef) vd.oldValue()).readAllBytes()).isEqualTo(body("one"));

      assertThat(describe(Comparison.between(store, 2, 3)))
          .containsExactly(
              "Thing__c " + id(3) + " ADDED []", "Thing__c " + id(5) + " CHANGED [Name]");
      // Deleted in 2, undeleted in 3: from 1 to 3 it is neither deleted nor added.
      assertThat(describe(Comparison.between(store, 1, 3)))
          .containsExactly(
              "ContentVersion " + fileId(1) + " CHANGED [VersionData]",
              "Thing__c " + id(2) + " CHANGED [Name]",
              "Thing__c " + id(5) + " CHANGED [Name]",
              "Thing__c " + id(6) + " ADDED []");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> c12.summary(CompareFilter.ALL.objects(java.util.Set.of("Nope__c"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has object Nope__c");
      ObjectSummary s = Comparison.between(store, 1, 3).summary(CompareFilter.ALL).objects().get(1);
      assertThat(s.object()).isEqualTo("Thing__c");
      assertThat(List.of(s.added(), s.deleted(), s.changed())).containsExactly(1L, 0L, 2L);
    }
  }

  private static RecordChange first(Comparison c, String object) {
    try (ChangeStream s = c.stream(CompareFilter.ALL.objects(java.util.Set.of(object)))) {
      return s.next();
    }
  }

  private static List<String> describe(Comparison c) {
    List<String> out = new ArrayList<>();
    try (ChangeStream s = c.stream(CompareFilter.ALL)) {
      s.forEachRemaining(
          ch ->
              out.add(
                  ch.object()
                      + " "
                      + ch.id()
                      + " "
                      + ch.kind()
                      + " "
                      + ch.fields().stream().map(FieldChange::field).toList()));
    }
    return out;
  }

  private static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RecordVersion file(int i, long t, BlobRef ref) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Id", fileId(i));
    f.put("VersionData", ref);
    return RecordVersion.upsert("ContentVersion", fileId(i), t, f);
  }

  static ByteArrayInputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}
