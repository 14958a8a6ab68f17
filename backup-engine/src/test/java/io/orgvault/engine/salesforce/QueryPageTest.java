package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryPageTest {
  private static final String PAGE =
      "{\"totalSize\":3,\"done\":false,\"nextRecordsUrl\":\"/services/data/v65.0/query/01gx-2\","
          + "\"records\":[{\"attributes\":{\"type\":\"Opportunity\",\"url\":\"/x\"},"
          + "\"Id\":\"006000000000001AAA\",\"Amount\":12.50,\"Big\":1.0E7,\"IsWon\":true,"
          + "\"CloseDate\":\"2026-01-05\",\"Account\":{\"attributes\":{\"type\":\"Account\"},"
          + "\"Name\":\"Acme\"},\"Note\":null},"
          + "{\"attributes\":{\"type\":\"Opportunity\"},\"Id\":\"006000000000002AAA\",\"Amount\":3}]}";

  private static QueryPage read(String json) throws IOException {
    return QueryPage.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "GET /test");
  }

  @Test
  void readsAPageKeepingNumbersAsTheirText() throws IOException {
    QueryPage p = read(PAGE);
    assertThat(p.totalSize()).isEqualTo(3);
    assertThat(p.done()).isFalse();
    assertThat(p.nextRecordsUrl()).isEqualTo("/services/data/v65.0/query/01gx-2");
    Map<String, Object> r = p.records().get(0);
    assertThat(r).doesNotContainKey("attributes");
    assertThat(r.get("Amount")).isEqualTo(new BigDecimal("12.50"));
    assertThat(((BigDecimal) r.get("Amount")).scale()).isEqualTo(2);
    assertThat(r.get("Big")).isEqualTo(new BigDecimal("1.0E7"));
    assertThat(r.get("IsWon")).isEqualTo(Boolean.TRUE);
    assertThat(r).containsEntry("Note", null);
    assertThat(r.get("Account")).isEqualTo(Map.of("Name", "Acme"));
  }

  @Test
  void aPageCutOffAnywhereIsNeverTakenForAPage() {
    for (int cut = 0; cut < PAGE.length(); cut++) {
      String part = PAGE.substring(0, cut);
      assertThatThrownBy(() -> read(part))
          .as("cut at " + cut)
          .isInstanceOfAny(IOException.class, MalformedResponseException.class);
    }
  }

  @Test
  void pagesMissingWhatTheApiPromisesAreMalformed() {
    assertThatThrownBy(() -> read("{\"totalSize\":1,\"done\":false,\"records\":[]}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("no nextRecordsUrl")
        .hasMessageContaining("GET /test");
    assertThatThrownBy(() -> read("{\"done\":true,\"records\":[]}"))
        .isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> read("{\"totalSize\":0,\"done\":true,\"records\":[]} {}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("after its end");
    assertThatThrownBy(() -> read("[]")).isInstanceOf(MalformedResponseException.class);
    assertThatThrownBy(() -> read("{\"totalSize\":\"x\",\"done\":true,\"records\":[]}"))
        .isInstanceOf(MalformedResponseException.class);
  }
}
