package io.orgvault.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRoundTripTest {
  private static String write(ColumnDelimiter d, LineEnding le, Object[][] rows) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvWriter w = new CsvWriter(out, d, le);
    for (Object[] row : rows) {
      for (Object v : row) {
        w.value(v);
      }
      w.endRow();
    }
    w.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void valuesTakeTheirBulkCsvFormsAndSurviveARealParser() throws Exception {
    String tricky = "He said \"hi\", then\nleft; ok | ^ ` \t — 😀 ü";
    String csv =
        write(
            ColumnDelimiter.COMMA,
            LineEnding.LF,
            new Object[][] {
              {"A", "B", "C", "D", "E", "F", "G"},
              {
                tricky,
                Instant.parse("2024-01-31T12:34:56.007Z"),
                LocalDate.of(2024, 2, 29),
                true,
                42,
                1234.5,
                null
              }
            });
    assertThat(csv)
        .startsWith("\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\"\n")
        .contains(",\"2024-01-31T12:34:56.007Z\",\"2024-02-29\",\"true\",\"42\",\"1234.5\",\n");
    List<Map<String, String>> rows = BulkClient.csv(csv);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("A")).isEqualTo(tricky);
    assertThat(rows.get(0).get("G")).isEmpty();
  }

  @Test
  void everyDelimiterAndLineEndingRoundTripsThroughTheReader() throws Exception {
    for (ColumnDelimiter d : ColumnDelimiter.values()) {
      for (LineEnding le : LineEnding.values()) {
        String text =
            "x"
                + d.character()
                + "y"
                + le.text()
                + "\"a"
                + d.character()
                + "\"\"b\""
                + d.character()
                + "\"multi"
                + le.text()
                + "line\""
                + le.text();
        List<String[]> rows = new CsvReader(d, le).parse(text);
        assertThat(rows).hasSize(2);
        assertThat(Arrays.asList(rows.get(1)))
            .as(d + "/" + le)
            .containsExactly("a" + d.character() + "\"b", "multi" + le.text() + "line");
      }
    }
  }

  @Test
  void malformedDataIsRefusedWithAReason() {
    CsvReader lf = new CsvReader(ColumnDelimiter.COMMA, LineEnding.LF);
    assertThatThrownBy(() -> lf.parse("a\n\"b")).hasMessageContaining("unterminated quoted field");
    assertThatThrownBy(() -> lf.parse("a\n\"b\"c\n")).hasMessageContaining("after a closing quote");
    assertThatThrownBy(() -> lf.parse("a\r\nb\r\n"))
        .hasMessage(
            "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is"
                + " LF");
    CsvReader crlf = new CsvReader(ColumnDelimiter.COMMA, LineEnding.CRLF);
    assertThatThrownBy(() -> crlf.parse("a\nb\n")).hasMessageEndingWith("setting is CRLF");
  }
}
