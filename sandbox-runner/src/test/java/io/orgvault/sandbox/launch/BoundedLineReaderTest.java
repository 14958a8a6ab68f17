package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  @Test
  void aLineWithoutEndIsCutNotHeld() throws Exception {
    String huge = "x".repeat(BoundedLineReader.MAX_LINE_CHARS * 3);
    BoundedLineReader r = new BoundedLineReader(new StringReader("a\n" + huge + "\nb\nlast"));
    assertThat(r.readLine()).isEqualTo("a");
    String cut = r.readLine();
    assertThat(cut).hasSize(BoundedLineReader.MAX_LINE_CHARS + BoundedLineReader.CUT.length());
    assertThat(cut).endsWith(BoundedLineReader.CUT);
    assertThat(r.readLine()).isEqualTo("b");
    assertThat(r.readLine()).isEqualTo("last");
    assertThat(r.readLine()).isNull();
  }
}
