package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.org.SalesforceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedIdTest {
  @Test
  void salesforceIdsEndWithTheirCaseChecksumAndRoundTrip() {
    for (long seq : new long[] {0, 1, 61, 62, 12_345, 987_654_321L}) {
      String id = SalesforceId.of("003", seq);
      assertThat(PackedId.endsWithCaseChecksum(id)).as(id).isTrue();
      assertThat(PackedId.first15(PackedId.high(id), PackedId.low(id)))
          .isEqualTo(id.substring(0, 15));
    }
    assertThat(PackedId.caseChecksum("001aB0000000xYz"))
        .isEqualTo(SalesforceId.to18("001aB0000000xYz").substring(15));
  }

  @Test
  void numbersAscendWithTheIds() {
    List<String> ids =
        new ArrayList<>(
            List.of(
                "0000000000000zzAAA",
                "00000000000010AAAA",
                "000000000000A0AAAA",
                "000000000000a0AAAA",
                "0010000000000AAAAA",
                "a00000000000000AAA"));
    for (int i = 1; i < ids.size(); i++) {
      String a = ids.get(i - 1);
      String b = ids.get(i);
      assertThat(a.compareTo(b)).isNegative();
      long ha = PackedId.high(a);
      long hb = PackedId.high(b);
      assertThat(ha < hb || (ha == hb && PackedId.low(a) < PackedId.low(b)))
          .as(a + " < " + b)
          .isTrue();
    }
  }

  @Test
  void numbersOutOfRangeAreNoId() {
    assertThatThrownBy(() -> PackedId.first15(PackedId.HIGH_LIMIT, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PackedId.first15(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
