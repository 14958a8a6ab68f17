package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WriteValuesTest {
  private static String json(Object value) throws Exception {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = HttpTransport.JSON.createGenerator(w)) {
      WriteValues.json(g, "F", value);
    }
    return w.toString();
  }

  @Test
  void canonicalValuesGetTheirWireForms() throws Exception {
    assertThat(json(new BigDecimal("12.50"))).isEqualTo("12.50");
    assertThat(json(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(json(42L)).isEqualTo("42");
    assertThat(json(Boolean.FALSE)).isEqualTo("false");
    assertThat(json(null)).isEqualTo("null");
    assertThat(json("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(json(LocalDate.of(2024, 1, 31))).isEqualTo("\"2024-01-31\"");
    assertThat(json(Instant.parse("2024-01-31T12:34:56Z")))
        .isEqualTo("\"2024-01-31T12:34:56.000Z\"");
    assertThat(WriteValues.text("F", Instant.parse("2024-01-31T12:34:56.789123Z")))
        .isEqualTo("2024-01-31T12:34:56.789Z");
    assertThat(WriteValues.text("F", new BigDecimal("0.000001"))).isEqualTo("0.000001");
  }

  @Test
  void otherTypesAndBadNamesAreRefused() {
    assertThatThrownBy(() -> WriteValues.text("F", 1.5d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Double");
    assertThatThrownBy(() -> WriteValues.text("F", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteValues.requireName("field", "a,b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteValues.requireName("field", "_x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteValues.requireName("field", "attributes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WriteValues.requireName("field", "Code__c")).isEqualTo("Code__c");
  }
}
