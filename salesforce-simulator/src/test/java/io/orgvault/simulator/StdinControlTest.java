package io.orgvault.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdinControlTest {
  @Test
  void daysTokensAndQuit() throws Exception {
    try (Simulator sim = Simulator.builder().contacts(200).port(0).start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new StdinControl(sim)
          .run(
              new BufferedReader(new StringReader("day\n\ntoken\nbogus\nquit\nday\n")),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines).hasSize(3);
      assertThat(lines[0]).startsWith("{\"type\":\"day\",\"day\":").endsWith("}");
      assertThat(lines[1]).startsWith(sim.org().orgId().substring(0, 15) + "!");
      assertThat(lines[2]).isEqualTo("{\"error\":\"unknown command\"}");
    }
  }

  @Test
  void aScaledDayChangesProportionallyMoreRows() throws Exception {
    try (Simulator sim = Simulator.builder().contacts(2000).port(0).start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new StdinControl(sim)
          .run(
              new BufferedReader(new StringReader("day 0\nday 10\nday x\nday -1\nquit\n")),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertThat(lines).hasSize(4);
      assertThat(lines[0]).contains("\"updated\":0,").contains("\"newFiles\":0,");
      // 10 x typical: 10% of the rows updated, 50 new files.
      assertThat(lines[1]).contains("\"newFiles\":50,").doesNotContain("\"updated\":0,");
      assertThat(lines[2]).isEqualTo("{\"error\":\"not a scale factor\"}");
      assertThat(lines[3]).isEqualTo("{\"error\":\"not a scale factor\"}");
    }
  }
}
