package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SoapWriterTest {
  @Test
  void controlCharactersXmlCannotCarryAreDropped() {
    assertThat(SoapWriter.xmlSafe("a\u0000b\u0007c\td\ne\rf\uFFFEg")).isEqualTo("abc\td\ne\rfg");
    String plain = "caf\u00e9 & <tag>";
    assertThat(SoapWriter.xmlSafe(plain)).isSameAs(plain);
  }

  @Test
  void textIsEscapedAndNullsAreNil() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SoapWriter w = SoapWriter.envelope(out, SoapNames.SOBJECT, true);
    w.startEnvelopePart("Body").start("r");
    w.sfElement("Name", "A & B <C>\u0001");
    w.sfElement("Phone", null);
    w.end().end().end();
    w.finishDocument();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("<r><sf:Name>A &amp; B &lt;C&gt;</sf:Name><sf:Phone xsi:nil=\"true\"/></r>");
  }
}
