package io.orgvault.sandbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The egress proxy on its Unix socket, reached directly and through the loopback forwarder. */
class EgressProxyTest {
  @TempDir static Path dir;
  static Simulator sim;
  static EgressProxy proxy;
  static final List<EgressRecord> log = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.builder().contacts(10).port(0).start();
    proxy =
        EgressProxy.start(
            dir.resolve("egress.sock"), "acme", Set.of(HostPort.of(sim.baseUrl())), log::add);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    sim.close();
  }

  /** Sends {@code head} on the proxy's socket and returns its status line. */
  static String ask(String head) throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(proxy.socket()));
      c.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
      ByteBuffer b = ByteBuffer.allocate(1024);
      c.read(b);
      String answer = new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
      return answer.substring(0, answer.indexOf("\r\n"));
    }
  }

  @Test
  void anHttpsCallTunnelsToAnAllowedHostAndIsLogged() throws Exception {
    log.clear();
    try (LoopbackForwarder f = LoopbackForwarder.start(proxy.socket())) {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(sim.clientSslContext())
              .proxy(ProxySelector.of(f.address()))
              .build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(sim.baseUrl().resolve("/services/data")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("65.0");
    }
    waitForLog(1);
    EgressRecord rec = log.get(0);
    assertThat(rec.tenant()).isEqualTo("acme");
    assertThat(rec.host()).isEqualTo(sim.baseUrl().getHost());
    assertThat(rec.port()).isEqualTo(sim.baseUrl().getPort());
    assertThat(rec.allowed()).isTrue();
    assertThat(rec.status()).isEqualTo(200);
    assertThat(rec.bytesToDestination()).isPositive();
    assertThat(rec.bytesFromDestination()).isPositive();
  }

  @Test
  void everythingElseIsRefused() throws Exception {
    log.clear();
    String simHost = sim.baseUrl().getHost();
    int simPort = sim.baseUrl().getPort();
    assertThat(ask("CONNECT 127.0.0.1:5432 HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(ask("CONNECT " + simHost + ":" + (simPort + 1) + " HTTP/1.1\r\n\r\n"))
        .isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(ask("CONNECT evil.example.com:443 HTTP/1.1\r\n\r\n"))
        .isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(ask("GET http://" + simHost + ":" + simPort + "/ HTTP/1.1\r\n\r\n"))
        .isEqualTo("HTTP/1.1 405 Method Not Allowed");
    assertThat(ask("CONNECT " + simHost + ":" + simPort + "@evil:443 HTTP/1.1\r\n\r\n"))
        .isEqualTo("HTTP/1.1 400 Bad Request");
    // Refusals are logged before they are answered: no waiting needed.
    assertThat(log).noneMatch(EgressRecord::allowed);
    assertThat(log)
        .extracting(EgressRecord::host, EgressRecord::port, EgressRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("127.0.0.1", 5432, 403),
            org.assertj.core.groups.Tuple.tuple(simHost, simPort + 1, 403),
            org.assertj.core.groups.Tuple.tuple("evil.example.com", 443, 403),
            org.assertj.core.groups.Tuple.tuple("", 0, 405),
            org.assertj.core.groups.Tuple.tuple("", 0, 400));
  }

  @Test
  void connectionsBeyondTheCapAreAnswered503() throws Exception {
    log.clear();
    List<SocketChannel> idle = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < EgressProxy.MAX_CONNECTIONS; i++) {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(proxy.socket()));
        idle.add(c); // holds a slot: its request head never comes
      }
      assertThat(ask("CONNECT 127.0.0.1:5432 HTTP/1.1\r\n\r\n"))
          .isEqualTo("HTTP/1.1 503 Service Unavailable");
    } finally {
      for (SocketChannel c : idle) {
        c.close();
      }
    }
    assertThat(log).extracting(EgressRecord::status).contains(503);
    // The slots come back once those connections are gone.
    for (int i = 0; i < 100; i++) {
      if (ask("CONNECT 127.0.0.1:5432 HTTP/1.1\r\n\r\n").contains("403")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the proxy did not free its slots");
  }

  @Test
  void hostNamesCompareWithoutCaseAndUrlsDefaultToPort443() {
    assertThat(HostPort.of(URI.create("https://Login.Salesforce.com")))
        .isEqualTo(new HostPort("login.salesforce.com", 443));
    assertThat(new InetSocketAddress("127.0.0.1", 1).getPort()).isEqualTo(1);
  }

  static void waitForLog(int n) throws InterruptedException {
    // The proxy logs a tunnel when both directions have closed, just after the client's close.
    for (int i = 0; i < 500 && log.size() < n; i++) {
      Thread.sleep(10);
    }
  }
}
