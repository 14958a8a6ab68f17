package io.orgvault.engine.store;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: a KEK file, a Contact-like schema and deterministic rows. */
final class Fixture {
  static final String TENANT = "tenant-acme";
  static final String ORG = "00D000000000001EAA";
  static final long T0 = 1_700_000_000_000L;

  static final List<FieldSchema> CONTACT =
      List.of(
          FieldSchema.of("Id", "id"),
          new FieldSchema("LastName", "string", 80, 0, 0),
          FieldSchema.of("Email", "email"),
          new FieldSchema("Amount__c", "currency", 0, 18, 2),
          FieldSchema.of("Score__c", "double"),
          FieldSchema.of("Count__c", "int"),
          FieldSchema.of("Active__c", "boolean"),
          FieldSchema.of("Birthdate", "date"),
          FieldSchema.of("LastSeen__c", "datetime"),
          FieldSchema.of("Photo__c", "base64"));

  private Fixture() {}

  static KeyEncryptionKey newKek(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    FileKeyEncryptionKey.generate(file);
    return FileKeyEncryptionKey.load(file);
  }

  static String id(int i) {
    return String.format("003%015d", i);
  }

  static RecordVersion contact(int i, long modstamp) {
    return contact(i, modstamp, "Name" + i);
  }

  static RecordVersion contact(int i, long modstamp, String lastName) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Id", id(i));
    f.put("LastName", lastName);
    f.put("Email", "person" + i + "@example.com");
    f.put("Amount__c", new BigDecimal(i + ".50"));
    f.put("Score__c", new BigDecimal("1.0E-7").add(BigDecimal.valueOf(i)));
    f.put("Count__c", (long) i * 3 - 100);
    f.put("Active__c", i % 2 == 0);
    f.put("Birthdate", LocalDate.of(1970, 1, 1).plusDays(i % 20000));
    f.put("LastSeen__c", i % 7 == 0 ? null : Instant.ofEpochMilli(T0 + i));
    return RecordVersion.upsert("Contact", id(i), modstamp, f);
  }

  static List<RecordVersion> drain(RecordStream s) {
    List<RecordVersion> out = new ArrayList<>();
    try (s) {
      for (Iterator<RecordVersion> it = s; it.hasNext(); ) {
        out.add(it.next());
      }
    }
    return out;
  }
}
