package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.org.SalesforceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The change index's own layout; what compares make of it is in ChangeIndexCompareTest. */
class ChangeIndexTest {
  private static byte[] encode(List<RecordVersion> rows) {
    ChangeIndex.Builder b = new ChangeIndex.Builder(null, null, rows.size());
    rows.forEach(b::add);
    return b.encode();
  }

  @Test
  void idsWithAndWithoutTheirCaseChecksumRoundTrip() throws Exception {
    String odd = SalesforceId.of("003", 70).substring(0, 15) + "zz9"; // not a checksum
    List<RecordVersion> rows =
        List.of(
            RecordVersion.upsert(
                "Contact", SalesforceId.of("003", 5), 1_700_000_000_123L, Map.of()),
            RecordVersion.tombstone("Contact", SalesforceId.of("003", 69), 1_700_000_000_000L),
            RecordVersion.upsert("Contact", odd, 1_800_000_000_000L, Map.of()),
            RecordVersion.upsert("Contact", SalesforceId.of("003", 9_000_000), 5L, Map.of()),
            RecordVersion.upsert("Contact", SalesforceId.of("a01", 1), 5L, Map.of()));
    ChangeIndex index = ChangeIndex.decode(encode(rows), rows.size());
    assertThat(index.size()).isEqualTo(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(index.id(i)).isEqualTo(rows.get(i).id());
      assertThat(index.tombstone(i)).isEqualTo(rows.get(i).isTombstone());
      assertThat(index.priorLive(i)).isFalse();
    }
    assertThat(index.priorHeldObject()).isFalse();
  }

  @Test
  void aStoredSuffixThatIsTheChecksumOrTrailingBytesAreDamage() throws Exception {
    String id = SalesforceId.of("003", 5);
    byte[] plain = encode(List.of(RecordVersion.upsert("Contact", id, 7L, Map.of())));
    // marker, count 1, Id (two varints), flags: set the stored-suffix flag and add the suffix
    int flagsAt = plain.length - 1;
    ByteWriter w = new ByteWriter(64);
    w.bytes(plain, 0, flagsAt)
        .u8(plain[flagsAt] | ChangeIndex.ID_SUFFIX_STORED)
        .ascii(id.substring(15));
    w.bytes(plain, flagsAt + 1, plain.length - flagsAt - 1);
    assertThatThrownBy(() -> ChangeIndex.decode(w.toByteArray(), 1))
        .isInstanceOf(ByteReader.Malformed.class)
        .hasMessageContaining("without need");
    byte[] longer = java.util.Arrays.copyOf(plain, plain.length + 1);
    assertThatThrownBy(() -> ChangeIndex.decode(longer, 1))
        .isInstanceOf(ByteReader.Malformed.class);
    assertThat(ChangeIndex.decode(plain, 1).id(0)).isEqualTo(id);
  }
}
