package io.orgvault.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1"));

  @Test
  void theConnectionsPeerUnlessItIsATrustedProxy() {
    assertThat(addresses.of("198.51.100.9", "203.0.113.5")).isEqualTo("198.51.100.9");
    assertThat(addresses.of("198.51.100.9", null)).isEqualTo("198.51.100.9");
  }

  @Test
  void theNearestUntrustedHopBehindTrustedProxies() {
    assertThat(addresses.of("10.1.2.3", "203.0.113.5")).isEqualTo("203.0.113.5");
    // the client wrote its own forged first hop; the proxies appended the real one
    assertThat(addresses.of("10.1.2.3", "1.1.1.1, 203.0.113.5, 192.0.2.1"))
        .isEqualTo("203.0.113.5");
    assertThat(addresses.of("192.0.2.1", "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void aMalformedHopIsNotBelieved() {
    assertThat(addresses.of("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
    assertThat(addresses.of("10.1.2.3", "10.9.9.9")).isEqualTo("10.1.2.3");
  }

  @Test
  void aBadProxyListIsRefusedAtStart() {
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example.com")))
        .hasMessageContaining("not an IP address or CIDR block");
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
        .hasMessageContaining("bad prefix");
  }
}
