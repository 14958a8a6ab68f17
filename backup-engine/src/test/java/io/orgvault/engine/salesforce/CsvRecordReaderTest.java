package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
  private static final String SAMPLE =
      "\"Id\",\"Name\",\"Description\",\"Amount\"\n"
          + "\"001000000000001AAA\",\"Acme, Inc.\",\"said \"\"hi\"\"\",\"12.50\"\n"
          + "\"001000000000002AAA\",\"Two\",\"line one\nline two\",\n"
          + "\"001000000000003AAA\",,\"\",\"7\"\r\n"
          + "\"001000000000004AAA\",\"Four\",\"x\",\"1.0\"\n";

  private static List<List<String>> readAll(String csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CsvRecordReader r = new CsvRecordReader(new StringReader(csv), ',', 1 << 20)) {
      List<String> rec;
      while ((rec = r.next()) != null) {
        out.add(rec);
      }
    }
    return out;
  }

  @Test
  void readsQuotesDelimitersLineBreaksAndBlanks() throws IOException {
    List<List<String>> rows = readAll(SAMPLE);
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0)).containsExactly("Id", "Name", "Description", "Amount");
    assertThat(rows.get(1))
        .containsExactly("001000000000001AAA", "Acme, Inc.", "said \"hi\"", "12.50");
    assertThat(rows.get(2))
        .containsExactly("001000000000002AAA", "Two", "line one\nline two", null);
    assertThat(rows.get(3)).containsExactly("001000000000003AAA", null, "", "7");
  }

  @Test
  void aBodyCutOffAnywhereNeverYieldsAWrongRecord() throws IOException {
    List<List<String>> full = readAll(SAMPLE);
    for (int cut = 0; cut <= SAMPLE.length(); cut++) {
      List<List<String>> got = new ArrayList<>();
      boolean truncated = false;
      try (CsvRecordReader r =
          new CsvRecordReader(new StringReader(SAMPLE.substring(0, cut)), ',', 1 << 20)) {
        List<String> rec;
        while ((rec = r.next()) != null) {
          got.add(rec);
        }
      } catch (CsvRecordReader.TruncatedException e) {
        truncated = true;
      }
      assertThat(got).as("cut at " + cut).isEqualTo(full.subList(0, got.size()));
      if (!truncated && cut > 0 && cut < SAMPLE.length()) {
        // Ending cleanly is only possible right after a record's line ending.
        assertThat(SAMPLE.charAt(cut - 1)).as("cut at " + cut).isEqualTo('\n');
      }
    }
  }

  @Test
  void malformedCsvIsRefused() {
    assertThatThrownBy(() -> readAll("\"a\"x,\"b\"\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> readAll("a\"b,c\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> readAll("a,b\rc\n")).isInstanceOf(IOException.class);
  }

  @Test
  void aFieldLongerThanTheLimitIsRefusedWithoutReadingItAll() {
    char[] big = new char[5000];
    Arrays.fill(big, 'x');
    String csv = "\"" + new String(big) + "\"\n";
    assertThatThrownBy(() -> new CsvRecordReader(new StringReader(csv), ',', 1024).next())
        .isInstanceOf(CsvRecordReader.FieldTooLongException.class);
  }
}
