package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.ObjectTable;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files written with multipart inserts: ContentVersion (with a new ContentDocument, then linked to
 * a record) and Attachment bodies arrive byte for byte; a body of the wrong length or a refused
 * record writes nothing; outages are retried only with a body that can be sent again.
 */
class FileWritesTest {
  private static SimOrg org;
  private static SalesforceClient client;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(100);
    client = org.client();
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @AfterEach
  void noFaults() {
    org.sim.faults().disable();
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A body that counts what was read from it and whether it was closed. */
  private static final class Tracked extends FilterInputStream {
    final AtomicLong read = new AtomicLong();
    boolean closed;

    Tracked(byte[] data) {
      super(new ByteArrayInputStream(data));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        read.addAndGet(n);
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  @Test
  void aMultiMegabyteContentVersionArrivesWholeInANewDocumentAndCanBeLinked() {
    byte[] data = randomBytes(6 * 1024 * 1024 + 17, 1);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Title", "Quarterly \"report\"");
    fields.put("PathOnClient", "q1\"report\".bin");
    Tracked body = new Tracked(data);
    long calls = client.budget().callsMade();

    SaveResult r =
        client.createWithBody("ContentVersion", fields, "VersionData", data.length, body);

    assertThat(client.budget().callsMade() - calls).isEqualTo(1);
    assertThat(r.success()).as(r.toString()).isTrue();
    assertThat(r.created()).isTrue();
    assertThat(body.read.get()).isEqualTo(data.length);
    assertThat(body.closed).as("the caller's stream stays open").isFalse();
    assertThat(org.sim.org().blob("ContentVersion", r.id(), "VersionData")).isEqualTo(data);
    ObjectTable versions = org.sim.org().table("ContentVersion");
    int row = versions.rowOf(r.id());
    String doc = (String) versions.value(row, "ContentDocumentId");
    assertThat(doc).startsWith("069");
    assertThat(versions.value(row, "Title")).isEqualTo("Quarterly \"report\"");

    String account = org.sim.org().table("Account").id(0);
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("ContentDocumentId", doc);
    link.put("LinkedEntityId", account);
    link.put("ShareType", "V");
    SaveResult linked = client.create("ContentDocumentLink", List.of(link)).get(0);
    assertThat(linked.success()).as(linked.toString()).isTrue();
    assertThat(linked.id()).startsWith("06A");
  }

  @Test
  void anAttachmentBodyArrivesWhole() {
    byte[] data = randomBytes(2 * 1024 * 1024, 2);
    // Bytes that look like the multipart delimiter's start must pass as content.
    System.arraycopy("\r\n--orgvault-\r\n--".getBytes(), 0, data, 1000, 17);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Name", "scan.pdf");
    fields.put("ParentId", org.sim.org().table("Account").id(1));
    SaveResult r =
        client.createWithBody(
            "Attachment", fields, "Body", data.length, () -> new ByteArrayInputStream(data));
    assertThat(r.success()).as(r.toString()).isTrue();
    assertThat(org.sim.org().blob("Attachment", r.id(), "Body")).isEqualTo(data);
    assertThat(org.sim.org().blob("Attachment", r.id(), "Body")).hasSize(data.length);
  }

  @Test
  void aRefusedRecordIsAFailedResult() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Name", "orphan.txt"); // ParentId is required
    byte[] data = {1, 2, 3};
    SaveResult r =
        client.createWithBody("Attachment", fields, "Body", 3, new ByteArrayInputStream(data));
    assertThat(r.success()).isFalse();
    assertThat(r.id()).isNull();
    assertThat(r.errors().get(0).statusCode()).isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(r.errors().get(0).fields()).containsExactly("ParentId");
  }

  @Test
  void aBodyOfAnotherLengthThanAnnouncedWritesNothing() {
    int before = org.sim.org().table("ContentVersion").size();
    Map<String, Object> fields = Map.of("PathOnClient", "short.bin");
    byte[] data = randomBytes(1000, 3);
    assertThatThrownBy(
            () ->
                client.createWithBody(
                    "ContentVersion", fields, "VersionData", 2000, new ByteArrayInputStream(data)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nothing was written");
    assertThatThrownBy(
            () ->
                client.createWithBody(
                    "ContentVersion", fields, "VersionData", 10, new ByteArrayInputStream(data)))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(org.sim.org().table("ContentVersion").size()).isEqualTo(before);
  }

  @Test
  void outagesAreRetriedWithABodyThatCanBeOpenedAgain() {
    byte[] data = randomBytes(300_000, 4);
    AtomicInteger opened = new AtomicInteger();
    int before = org.sim.org().table("ContentVersion").size();
    org.sim.faults().enable(FaultPlan.none().withSeed(8).withServerErrors(0.6));
    for (int i = 0; i < 5; i++) {
      SaveResult r =
          client.createWithBody(
              "ContentVersion",
              Map.of("PathOnClient", "retry" + i + ".bin"),
              "VersionData",
              data.length,
              () -> {
                opened.incrementAndGet();
                return new ByteArrayInputStream(data);
              });
      assertThat(r.success()).isTrue();
      assertThat(org.sim.org().blob("ContentVersion", r.id(), "VersionData")).isEqualTo(data);
    }
    org.sim.faults().disable();
    assertThat(opened.get()).as("some attempts were refused and sent again").isGreaterThan(5);
    assertThat(org.sim.org().table("ContentVersion").size()).isEqualTo(before + 5);
  }

  @Test
  void aOneShotBodyIsNotSentAgainAfterItWasRead() {
    byte[] data = randomBytes(300_000, 5);
    int before = org.sim.org().table("ContentVersion").size();
    org.sim.faults().enable(FaultPlan.none().withSeed(1).withServerErrors(1.0));
    Tracked body = new Tracked(data);
    assertThatThrownBy(
            () ->
                client.createWithBody(
                    "ContentVersion",
                    Map.of("PathOnClient", "once.bin"),
                    "VersionData",
                    data.length,
                    body))
        .isInstanceOf(ServiceUnavailableException.class);
    org.sim.faults().disable();
    // Read at most once (a second opening of a one-shot body would have failed the call).
    assertThat(body.read.get()).isLessThanOrEqualTo(data.length);
    assertThat(org.sim.org().table("ContentVersion").size()).isEqualTo(before);
  }

  @Test
  void theOrgStillTakesBase64InJson() {
    // Not through createWithBody: the simulator's JSON path, which Salesforce also accepts.
    byte[] data = randomBytes(1000, 6);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("PathOnClient", "json.bin");
    fields.put("VersionData", java.util.Base64.getEncoder().encodeToString(data));
    SaveResult r = client.create("ContentVersion", List.of(fields)).get(0);
    assertThat(r.success()).as(r.toString()).isTrue();
    assertThat(org.sim.org().blob("ContentVersion", r.id(), "VersionData")).isEqualTo(data);
  }
}
