package io.orgvault.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.compare.ChangeStream;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code compare}, {@code history}, {@code browse} and {@code export} run in-process. */
class ReadCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SimBackups fx;
  private static String[] volume;

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(300);
    fx.backup();
    fx.sim.simulateDay(DayRates.typical());
    fx.backup();
    volume =
        new String[] {
          "--volume",
          fx.volume.toString(),
          "--tenant",
          SimBackups.TENANT,
          "--kek",
          fx.kekFile.toString()
        };
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private record Run(int exit, List<JsonNode> lines, String err) {
    List<JsonNode> of(String type) {
      return lines.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }
  }

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all =
        Stream.concat(Stream.of(args[0]), Stream.concat(Stream.of(volume), Stream.of(args).skip(1)))
            .toArray(String[]::new);
    int exit =
        EngineMain.run(
            new EngineMain.Streams(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            all);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void comparePagesThroughEveryChange() throws Exception {
    long expected;
    try (RecordStore store = fx.openStore();
        ChangeStream s = Comparison.between(store, 1, 2).stream(CompareFilter.ALL)) {
      long n = 0;
      while (s.hasNext()) {
        s.next();
        n++;
      }
      expected = n;
    }
    Run first = run("compare", "--from", "1", "--to", "2", "--limit", "10");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.of("compare-object")).isNotEmpty();
    long summed =
        first.of("compare-object").stream()
            .mapToLong(
                n ->
                    n.get("added").asLong() + n.get("deleted").asLong() + n.get("changed").asLong())
            .sum();
    assertThat(summed).isEqualTo(expected).isGreaterThan(10);
    long seen = first.of("change").size();
    String cursor = first.of("compare-page").get(0).get("nextCursor").asText();
    while (true) {
      Run next = run("compare", "--from", "1", "--to", "2", "--limit", "10", "--cursor", cursor);
      assertThat(next.exit()).as(next.err()).isZero();
      assertThat(next.of("compare-object")).isEmpty();
      seen += next.of("change").size();
      JsonNode c = next.of("compare-page").get(0).get("nextCursor");
      if (c.isNull()) {
        break;
      }
      cursor = c.asText();
    }
    assertThat(seen).isEqualTo(expected);

    Run bad = run("compare", "--from", "1", "--to", "2", "--cursor", cursor.substring(1));
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("InvalidCursorException");
    Run reversed = run("compare", "--from", "2", "--to", "1");
    assertThat(reversed.exit()).isEqualTo(1);
    assertThat(reversed.err()).contains("earlier backup first");
  }

  @Test
  void historyAndBrowse() throws Exception {
    String id = fx.sim.org().table("Contact").id(0);
    Run h = run("history", "--object", "Contact", "--id", id);
    assertThat(h.exit()).as(h.err()).isZero();
    assertThat(h.of("version")).isNotEmpty();
    assertThat(h.of("version").get(0).get("kind").asText()).isEqualTo("FIRST");
    assertThat(run("history", "--object", "Contact", "--id", "003000000000000ZZZ").exit())
        .isEqualTo(3);
    Run asOf = run("history", "--object", "Contact", "--id", id, "--as-of", "2999-01-01T00:00:00Z");
    assertThat(asOf.exit()).as(asOf.err()).isZero();
    assertThat(asOf.of("as-of").get(0).get("backup").asLong()).isEqualTo(2);

    Run objects = run("browse", "--backup", "2");
    assertThat(objects.of("object"))
        .anySatisfy(o -> assertThat(o.get("object").asText()).isEqualTo("Contact"));
    Run page = run("browse", "--backup", "2", "--object", "Contact", "--limit", "10");
    assertThat(page.of("record")).hasSize(10);
    String cursor = page.of("browse-page").get(0).get("nextCursor").asText();
    Run next =
        run("browse", "--backup", "2", "--object", "Contact", "--limit", "10", "--cursor", cursor);
    assertThat(next.of("record").get(0).get("id").asText())
        .isGreaterThan(page.of("record").get(9).get("id").asText());
    Run one = run("browse", "--backup", "2", "--object", "Contact", "--id", id);
    assertThat(one.of("record").get(0).get("fields").get("Id").asText()).isEqualTo(id);
    Run rel = run("browse", "--backup", "2", "--object", "Contact", "--id", id, "--related");
    assertThat(rel.of("parent"))
        .anySatisfy(p -> assertThat(p.get("field").asText()).isEqualTo("AccountId"));
    String account =
        rel.of("parent").stream()
            .filter(p -> p.get("field").asText().equals("AccountId"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    Run children =
        run("browse", "--backup", "2", "--object", "Account", "--id", account, "--related");
    assertThat(children.of("child"))
        .anySatisfy(c -> assertThat(c.get("id").asText()).isEqualTo(id));
    String email = one.of("record").get(0).get("fields").get("Email").asText();
    Run where = run("browse", "--backup", "2", "--object", "Contact", "--where", "Email=" + email);
    assertThat(where.of("record")).extracting(n -> n.get("id").asText()).contains(id);
  }

  @Test
  void exportWritesCompleteFilesAndNeverOverwrites() throws Exception {
    Path dir = Files.createTempDirectory("orgvault-export");
    Path csv = dir.resolve("contacts.csv");
    Run r = run("export", "--backup", "2", "--object", "Contact", "--out", csv.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.of("export-result").get(0).get("records").asLong()).isPositive();
    assertThat(Files.readString(csv)).startsWith("Id,");
    byte[] before = Files.readAllBytes(csv);
    Run again = run("export", "--backup", "1", "--object", "Contact", "--out", csv.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(Files.readAllBytes(csv)).isEqualTo(before);

    Run failed =
        run(
            "export",
            "--backup",
            "2",
            "--object",
            "NoSuchObject",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(failed.exit()).isEqualTo(1);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("contacts.csv");
    }

    Path zip = dir.resolve("backup.zip");
    Run z = run("export", "--backup", "2", "--zip", "--out", zip.toString());
    assertThat(z.exit()).as(z.err()).isZero();
    try (ZipFile f = new ZipFile(zip.toFile())) {
      assertThat(f.getEntry("Contact.csv")).isNotNull();
      assertThat(f.size())
          .isEqualTo(
              z.of("export-result").get(0).get("files").asInt()
                  + run("browse", "--backup", "2").of("object").size());
    }
    Path diff = dir.resolve("diff.csv");
    Run d =
        run("export", "--from", "1", "--to", "2", "--kind", "CHANGED", "--out", diff.toString());
    assertThat(d.exit()).as(d.err()).isZero();
    assertThat(Files.readAllLines(diff).get(0))
        .isEqualTo("Object,Id,Change,Field,OldValue,NewValue");
    assertThat(Files.readAllLines(diff).stream().skip(1)).allMatch(l -> l.contains(",CHANGED,"));
  }
}
