package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdFilterTest {
  @Test
  void hasNoFalseNegativesAndMeetsItsFalsePositiveTarget() {
    int n = 20_000;
    IdFilter f = IdFilter.forCount(n);
    for (int i = 0; i < n; i++) {
      f.add(Fixture.id(i));
    }
    IdFilter back = IdFilter.of(f.bits(), f.probes(), f.toBytes());
    int falsePositives = 0;
    for (int i = 0; i < n; i++) {
      assertThat(back.mightContain(Fixture.id(i))).isTrue();
      if (back.mightContain(Fixture.id(n + i))) {
        falsePositives++;
      }
    }
    assertThat(back.probes()).isEqualTo(7);
    assertThat((double) falsePositives / n).isLessThan(IdFilter.FALSE_POSITIVE_RATE * 1.5);
  }
}
