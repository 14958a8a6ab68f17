package io.orgvault.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same records navigated with and without the manifest's describe relationships: a backup
 * written before they were recorded still finds parents by key prefix and children by a scan.
 */
class RelatedRecordsFallbackTest {
  private static final String ORG = "00D000000000001AAA";
  private static final String ACCOUNT = "001000000000000001";
  private static final String OPPORTUNITY = "006000000000000001";
  private static final String CONTACT = "003000000000000001";
  private static final String TASK_ON_ACCOUNT = "00T000000000000001";
  private static final String TASK_ON_OPPORTUNITY = "00T000000000000002";

  private static final List<FieldSchema> ACCOUNT_SCHEMA = List.of(FieldSchema.of("Id", "id"));
  private static final List<FieldSchema> OPPORTUNITY_SCHEMA =
      List.of(FieldSchema.of("Id", "id"), FieldSchema.of("AccountId", "reference"));
  private static final List<FieldSchema> CONTACT_SCHEMA =
      List.of(FieldSchema.of("Id", "id"), FieldSchema.of("AccountId", "reference"));
  private static final List<FieldSchema> TASK_SCHEMA =
      List.of(
          FieldSchema.of("Id", "id"),
          FieldSchema.of("WhatId", "reference"),
          FieldSchema.of("WhoId", "reference"));

  @TempDir Path dir;

  private static ObjectDescribe.FieldDescribe plain() {
    return new ObjectDescribe.FieldDescribe(
        List.of(), null, false, false, false, false, false, false, false, false);
  }

  private static ObjectDescribe.FieldDescribe ref(String name, String... targets) {
    return new ObjectDescribe.FieldDescribe(
        List.of(targets), name, true, true, true, false, false, false, false, false);
  }

  private static ObjectDescribe describe(
      String prefix, List<ObjectDescribe.ChildRelation> children, Object... fields) {
    Map<String, ObjectDescribe.FieldDescribe> m = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      m.put((String) fields[i], (ObjectDescribe.FieldDescribe) fields[i + 1]);
    }
    return new ObjectDescribe(prefix, m, children);
  }

  private static void write(
      BackupWriter w, String object, List<FieldSchema> schema, List<Map<String, Object>> rows) {
    ObjectWriter o = w.object(object, schema);
    for (Map<String, Object> r : rows) {
      o.add(RecordVersion.upsert(object, (String) r.get("Id"), 1000, r));
    }
    o.highWaterMark(1000);
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void writeRecords(BackupWriter w) {
    write(w, "Account", ACCOUNT_SCHEMA, List.of(row("Id", ACCOUNT)));
    write(
        w,
        "Opportunity",
        OPPORTUNITY_SCHEMA,
        List.of(row("Id", OPPORTUNITY, "AccountId", ACCOUNT)));
    write(w, "Contact", CONTACT_SCHEMA, List.of(row("Id", CONTACT, "AccountId", ACCOUNT)));
    write(
        w,
        "Task",
        TASK_SCHEMA,
        List.of(
            row("Id", TASK_ON_ACCOUNT, "WhatId", ACCOUNT, "WhoId", CONTACT),
            row("Id", TASK_ON_OPPORTUNITY, "WhatId", OPPORTUNITY, "WhoId", null)));
  }

  @Test
  void withAndWithoutDescribeTheRelationsAreTheSame() throws Exception {
    Path kekFile = dir.resolve("kek");
    FileKeyEncryptionKey.generate(kekFile);
    try (RecordStore store =
        RecordStore.create(dir.resolve("volume"), "t", FileKeyEncryptionKey.load(kekFile))) {
      BackupWriter old = store.beginBackup(ORG);
      writeRecords(old);
      long withoutDescribe = old.commit().backupNumber();

      BackupWriter w = store.beginBackup(ORG);
      writeRecords(w);
      w.describe(
          "Account",
          describe(
              "001",
              List.of(
                  new ObjectDescribe.ChildRelation("Contact", "AccountId", "Contacts", true),
                  new ObjectDescribe.ChildRelation("Task", "WhatId", "Tasks", false)),
              "Id",
              plain()));
      w.describe(
          "Opportunity",
          describe(
              "006",
              List.of(new ObjectDescribe.ChildRelation("Task", "WhatId", "Tasks", false)),
              "Id",
              plain(),
              "AccountId",
              ref("Account", "Account")));
      w.describe(
          "Contact",
          describe(
              "003",
              List.of(new ObjectDescribe.ChildRelation("Task", "WhoId", "Tasks", false)),
              "Id",
              plain(),
              "AccountId",
              ref("Account", "Account")));
      w.describe(
          "Task",
          describe(
              "00T",
              List.of(),
              "Id",
              plain(),
              "WhatId",
              ref("What", "Account", "Opportunity"),
              "WhoId",
              ref("Who", "Contact", "Lead")));
      long withDescribe = w.commit().backupNumber();

      RelatedRecords before = new RelatedRecords(store, withoutDescribe);
      RelatedRecords after = new RelatedRecords(store, withDescribe);
      List<RelatedRecord> expectedTaskParents =
          List.of(new RelatedRecord("WhatId", "Opportunity", OPPORTUNITY, true));
      assertThat(before.parents("Task", TASK_ON_OPPORTUNITY)).isEqualTo(expectedTaskParents);
      assertThat(after.parents("Task", TASK_ON_OPPORTUNITY)).isEqualTo(expectedTaskParents);
      assertThat(after.parents("Task", TASK_ON_ACCOUNT))
          .isEqualTo(before.parents("Task", TASK_ON_ACCOUNT))
          .containsExactly(
              new RelatedRecord("WhatId", "Account", ACCOUNT, true),
              new RelatedRecord("WhoId", "Contact", CONTACT, true));

      List<RelatedRecord> accountChildren =
          List.of(
              new RelatedRecord("AccountId", "Contact", CONTACT, true),
              new RelatedRecord("WhatId", "Task", TASK_ON_ACCOUNT, true));
      // Account's describe (in this test) names no Opportunity relationship: described
      // navigation reads only what describe names, the scan finds every reference.
      assertThat(after.children(ACCOUNT)).isEqualTo(accountChildren);
      assertThat(after.childObjectsRead(ACCOUNT)).containsExactly("Contact", "Task");
      assertThat(before.childObjectsRead(ACCOUNT))
          .containsExactly("Contact", "Opportunity", "Task");
      assertThat(before.children(ACCOUNT))
          .containsExactlyInAnyOrder(
              new RelatedRecord("AccountId", "Contact", CONTACT, true),
              new RelatedRecord("AccountId", "Opportunity", OPPORTUNITY, true),
              new RelatedRecord("WhatId", "Task", TASK_ON_ACCOUNT, true));
      assertThat(after.children(CONTACT))
          .isEqualTo(before.children(CONTACT))
          .containsExactly(new RelatedRecord("WhoId", "Task", TASK_ON_ACCOUNT, true));
    }
  }
}
