package io.orgvault.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.compare.ChangeStream;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV and zip exports, parsed back and checked against what the store holds and the org. */
class CsvExportTest {
  private static final String TRICKY = "O'Brien, \"Zoë\"\nsecond line ";
  private static SimBackups fx;
  private static String tricky;
  private static long first;
  private static long second;

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(200);
    var org = fx.sim.org();
    tricky = org.table("Contact").id(3);
    assertThat(
            org.update("Contact", tricky, Map.of("LastName", TRICKY), org.integrationUserId())
                .success())
        .isTrue();
    first = fx.backup();
    org.clock().advance(Duration.ofMinutes(10));
    fx.sim.simulateDay(DayRates.typical());
    second = fx.backup();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void anObjectReadsBackAsTheStoredValues() {
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(second);
      for (String object : List.of("Contact", "Account", "ContentVersion")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = CsvExport.object(s, object, out);
        List<List<String>> rows = Rfc4180.parse(out.toString(StandardCharsets.UTF_8));
        List<FieldSchema> schema = s.schema(object);
        assertThat(rows.get(0)).isEqualTo(schema.stream().map(FieldSchema::name).toList());
        assertThat(rows).hasSize((int) n + 1);
        int r = 1;
        try (RecordStream rs = s.records(object)) {
          while (rs.hasNext()) {
            RecordVersion v = rs.next();
            List<String> row = rows.get(r++);
            for (int i = 0; i < schema.size(); i++) {
              FieldSchema f = schema.get(i);
              assertThat(parse(f, row.get(i), object, v.id()))
                  .as(object + "." + f.name() + " of " + v.id())
                  .satisfies(x -> assertSame(x, v.fields().get(f.name())));
            }
          }
        }
        assertThat(r).isEqualTo(rows.size());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CsvExport.object(s, "Contact", out);
      String csv = out.toString(StandardCharsets.UTF_8);
      assertThat(csv).contains("\"O'Brien, \"\"Zoë\"\"\nsecond line \"").contains("\r\n");
    }
  }

  /** The cell parsed by the field's Salesforce type, as Data Loader would read it. */
  private static Object parse(FieldSchema f, String cell, String object, String id) {
    if (f.type().equals("base64")) {
      assertThat(cell).isEqualTo("files/" + object + "/" + id + "/" + f.name());
      return cell;
    }
    if (cell.isEmpty()) {
      return null;
    }
    return switch (f.type()) {
      case "boolean" -> Boolean.valueOf(cell);
      case "int", "long" -> Long.valueOf(cell);
      case "double", "currency", "percent" -> new BigDecimal(cell);
      case "date" -> LocalDate.parse(cell);
      case "datetime" -> {
        assertThat(cell).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        yield Instant.parse(cell);
      }
      default -> cell;
    };
  }

  private static void assertSame(Object parsed, Object stored) {
    if (stored instanceof BlobRef) {
      assertThat(parsed).isInstanceOf(String.class);
    } else if (stored instanceof BigDecimal d) {
      assertThat(((BigDecimal) parsed).compareTo(d)).isZero();
    } else if (stored instanceof String str && str.isEmpty()) {
      assertThat(parsed).isNull(); // Data Loader reads an empty cell as blank
    } else {
      assertThat(parsed).isEqualTo(stored);
    }
  }

  @Test
  void aComparisonReadsBackAsItsChanges() {
    try (RecordStore store = fx.openStore()) {
      Comparison c = Comparison.between(store, first, second);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long n = CsvExport.comparison(c, CompareFilter.ALL, out);
      List<List<String>> rows = Rfc4180.parse(out.toString(StandardCharsets.UTF_8));
      assertThat(rows.get(0)).isEqualTo(CsvExport.COMPARE_HEADER);
      List<List<String>> expected = new ArrayList<>();
      long records = 0;
      try (ChangeStream s = c.stream(CompareFilter.ALL)) {
        while (s.hasNext()) {
          RecordChange ch = s.next();
          records++;
          if (ch.fields().isEmpty()) {
            expected.add(List.of(ch.object(), ch.id(), ch.kind().name(), "", "", ""));
          }
          for (FieldChange f : ch.fields()) {
            expected.add(
                List.of(
                    ch.object(),
                    ch.id(),
                    ch.kind().name(),
                    f.field(),
                    ValueText.text(f.oldValue()),
                    ValueText.text(f.newValue())));
          }
        }
      }
      assertThat(n).isEqualTo(records).isPositive();
      assertThat(rows.subList(1, rows.size())).isEqualTo(expected);
    }
  }

  @Test
  void aBackupZipHoldsEveryObjectAndEveryBody() throws Exception {
    try (RecordStore store = fx.openStore()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BackupZipExport.Result r = BackupZipExport.write(store, second, out);
      Snapshot s = store.snapshot(second);
      Map<String, byte[]> entries = new HashMap<>();
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          entries.put(e.getName(), zip.readAllBytes());
        }
      }
      long records = 0;
      for (String object : s.objects()) {
        List<List<String>> rows =
            Rfc4180.parse(new String(entries.get(object + ".csv"), StandardCharsets.UTF_8));
        records += rows.size() - 1;
      }
      assertThat(records).isEqualTo(r.records());
      long bodies = 0;
      for (String object : List.of("ContentVersion", "Attachment")) {
        String field = object.equals("ContentVersion") ? "VersionData" : "Body";
        try (RecordStream rs = s.records(object)) {
          while (rs.hasNext()) {
            String id = rs.next().id();
            assertThat(entries.get(ValueText.bodyPath(object, id, field)))
                .as(object + " " + id)
                .isEqualTo(fx.sim.org().blob(object, id, field));
            bodies++;
          }
        }
      }
      assertThat(bodies).isPositive().isEqualTo(r.bodies());
      assertThat(entries).hasSize(s.objects().size() + (int) bodies);
    }
  }

  /** A strict RFC 4180 reader for the tests: CRLF line ends, quoted fields, doubled quotes. */
  static final class Rfc4180 {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      int i = 0;
      boolean quoted = false;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i += 2;
          } else if (c == '"') {
            quoted = false;
            i++;
          } else {
            cell.append(c);
            i++;
          }
        } else if (c == '"') {
          assertThat(cell).as("a quote opens a cell only at its start").isEmpty();
          quoted = true;
          i++;
        } else if (c == ',') {
          row.add(cell.toString());
          cell.setLength(0);
          i++;
        } else if (c == '\r') {
          assertThat(text.charAt(i + 1)).isEqualTo('\n');
          row.add(cell.toString());
          cell.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i += 2;
        } else {
          assertThat(c).as("bare LF outside quotes").isNotEqualTo('\n');
          cell.append(c);
          i++;
        }
      }
      assertThat(quoted).isFalse();
      assertThat(row).isEmpty();
      assertThat(cell).isEmpty();
      return rows;
    }
  }
}
