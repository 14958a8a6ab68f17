package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.salesforce.SObjectDescription;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A backup after one written before the manifest recorded describe relationships: it records them,
 * and their first appearance is not a schema change.
 */
class DescribeFirstRecordedTest {

  @Test
  void relationshipsAppearingForTheFirstTimeAreNotASchemaChange() throws Exception {
    try (SimBackups fx = new SimBackups(30)) {
      SalesforceClient client = fx.client();
      // Backup 1 as the engine wrote it before: each object's schema, no describe attributes.
      try (RecordStore store = fx.openStore()) {
        BackupWriter w = store.beginBackup(fx.sim.org().orgId());
        for (String object : List.of("Account", "Contact", "Task")) {
          SObjectDescription d = client.describe(object);
          w.object(object, d.fieldSchemas());
        }
        Manifest m1 = w.commit();
        assertThat(m1.objects()).allSatisfy(o -> assertThat(o.describe()).isNull());
      }
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      long second = fx.backup(events::add);
      assertThat(events).extracting(ProgressEvent::type).doesNotContain("schema-changed");
      assertThat(events)
          .filteredOn(e -> "Account".equals(e.object()))
          .extracting(ProgressEvent::type)
          .contains("object-started");
      try (RecordStore store = fx.openStore()) {
        Manifest m2 = store.manifest(second);
        for (String object : List.of("Account", "Contact", "Task")) {
          assertThat(m2.object(object).orElseThrow().describe()).as(object).isNotNull();
        }
        assertThat(m2.object("Contact").orElseThrow().describe().field("AccountId"))
            .hasValueSatisfying(f -> assertThat(f.referenceTo()).containsExactly("Account"));
      }
    }
  }
}
