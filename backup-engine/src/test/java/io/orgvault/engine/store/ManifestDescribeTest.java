package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The describe attributes a manifest records per object, and manifests written without them. */
class ManifestDescribeTest {

  /** A manifest body as written before describe attributes were recorded (format version 1). */
  private static final String OLD_BODY =
      """
      {"format":"orgvault-manifest","version":1,"tenant":"t","org":"00D000000000001AAA",
       "backup":1,"created":"2026-11-01T00:00:00Z","previousMac":null,
       "objects":[{"name":"Contact","highWaterMark":5,"changedRows":1,"changedTombstones":0,
         "schema":[{"name":"Id","type":"id","length":18,"precision":0,"scale":0},
                   {"name":"AccountId","type":"reference","length":18,"precision":0,"scale":0}],
         "segments":[]}]}
      """;

  private static ObjectDescribe contactDescribe() {
    Map<String, ObjectDescribe.FieldDescribe> fields = new LinkedHashMap<>();
    fields.put(
        "Id",
        new ObjectDescribe.FieldDescribe(
            List.of(), null, false, false, false, false, false, false, false, false));
    fields.put(
        "AccountId",
        new ObjectDescribe.FieldDescribe(
            List.of("Account"), "Account", true, true, true, false, false, false, true, false));
    fields.put(
        "WhatId",
        new ObjectDescribe.FieldDescribe(
            List.of("Account", "Opportunity"),
            "What",
            true,
            true,
            true,
            false,
            false,
            false,
            false,
            true));
    fields.put(
        "Number__c",
        new ObjectDescribe.FieldDescribe(
            List.of(), null, false, false, false, false, true, true, false, false));
    return new ObjectDescribe(
        "003",
        fields,
        List.of(
            new ObjectDescribe.ChildRelation("Case", "ContactId", "Cases", false),
            new ObjectDescribe.ChildRelation("Task", "WhoId", null, true)));
  }

  private static Manifest manifest(ObjectDescribe d) {
    return new Manifest(
        2,
        "t",
        "00D000000000001AAA",
        Instant.parse("2026-11-02T00:00:00Z"),
        "ab",
        List.of(
            new Manifest.ObjectEntry(
                "Contact",
                List.of(FieldSchema.of("Id", "id"), FieldSchema.of("AccountId", "reference")),
                7,
                3,
                1,
                List.of(),
                d)),
        "mac");
  }

  private static Manifest roundTrip(Manifest m) throws IOException {
    byte[] body = ManifestStore.toJson(m);
    return ManifestStore.parse(body, 0, body.length, "mac");
  }

  @Test
  void describeAttributesRoundTrip() throws IOException {
    Manifest m = manifest(contactDescribe());
    Manifest back = roundTrip(m);
    assertThat(back).isEqualTo(m);
    ObjectDescribe d = back.object("Contact").orElseThrow().describe();
    assertThat(d.keyPrefix()).isEqualTo("003");
    assertThat(d.fields().keySet()).containsExactly("Id", "AccountId", "WhatId", "Number__c");
    assertThat(d.referenceFields()).containsExactly("AccountId", "WhatId");
    assertThat(d.field("WhatId").orElseThrow().referenceTo())
        .containsExactly("Account", "Opportunity");
    assertThat(d.field("Number__c").orElseThrow().autoNumber()).isTrue();
    assertThat(d.childRelationships().get(1).relationshipName()).isNull();
  }

  @Test
  void anEntryWithoutDescribeWritesNoneAndReadsBackWithout() throws IOException {
    Manifest m = manifest(null);
    assertThat(new String(ManifestStore.toJson(m), StandardCharsets.UTF_8))
        .doesNotContain("describe");
    assertThat(roundTrip(m)).isEqualTo(m);
  }

  @Test
  void aManifestWrittenBeforeDescribeWasRecordedStillReads() throws IOException {
    byte[] body = OLD_BODY.getBytes(StandardCharsets.UTF_8);
    Manifest m = ManifestStore.parse(body, 0, body.length, "mac");
    Manifest.ObjectEntry contact = m.object("Contact").orElseThrow();
    assertThat(contact.describe()).isNull();
    assertThat(contact.describeIfRecorded()).isEmpty();
    assertThat(contact.schema()).extracting(FieldSchema::name).containsExactly("Id", "AccountId");
  }

  @Test
  void aMalformedDescribeIsRejectedNotGuessed() throws IOException {
    String good = new String(ManifestStore.toJson(manifest(contactDescribe())), UTF8);
    for (String bad :
        List.of(
            good.replace("\"createable\":true", "\"createable\":\"yes\""),
            good.replace("\"referenceTo\":[\"Account\"]", "\"referenceTo\":[7]"),
            good.replace("\"childSObject\":\"Case\"", "\"childSObject\":\"no such/object\""),
            good.replace("\"keyPrefix\":\"003\"", "\"keyPrefix\":3"))) {
      assertThat(bad).isNotEqualTo(good);
      byte[] body = bad.getBytes(UTF8);
      assertThatThrownBy(() -> ManifestStore.parse(body, 0, body.length, "mac"))
          .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void aCommittedManifestKeepsTheDescribeAndALaterBackupCarriesItOver(@TempDir Path dir)
      throws Exception {
    Path volume = dir.resolve("volume");
    KeyEncryptionKey kek = Fixture.newKek(dir, "kek");
    try (RecordStore store = RecordStore.create(volume, Fixture.TENANT, kek)) {
      BackupWriter w = store.beginBackup(Fixture.ORG);
      w.object("Contact", List.of(FieldSchema.of("Id", "id")));
      w.describe("Contact", contactDescribe());
      Manifest m1 = w.commit();
      assertThat(m1.object("Contact").orElseThrow().describe()).isEqualTo(contactDescribe());
      // A later backup that does not write the object carries its describe over.
      Manifest m2 = store.beginBackup(Fixture.ORG).commit();
      assertThat(m2.object("Contact").orElseThrow().describe()).isEqualTo(contactDescribe());
    }
    try (RecordStore store = RecordStore.open(volume, Fixture.TENANT, kek)) {
      assertThat(store.manifest(2).object("Contact").orElseThrow().describe())
          .isEqualTo(contactDescribe());
    }
  }
}
