package io.orgvault.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DataKeyTest {
  @Test
  void subkeysAreDistinctPerPurposeAndPerSegment() {
    try (DataKey k = DataKey.generate(new SecureRandom())) {
      byte[] a = k.segmentBlockKey(new byte[16]);
      byte[] b = k.segmentBlockKey(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
      byte[] c = k.chunkKey(new byte[16]);
      assertThat(a).hasSize(32).isNotEqualTo(b).isNotEqualTo(c);
      assertThat(k.material()).isNotEqualTo(a);
      assertThat(k.toString()).isEqualTo("DataKey[redacted]");
    }
  }

  @Test
  void destroyedKeyRefusesUse() {
    DataKey k = DataKey.generate(new SecureRandom());
    k.destroy();
    assertThat(k.isDestroyed()).isTrue();
    assertThatThrownBy(k::material).isInstanceOf(IllegalStateException.class);
  }
}
