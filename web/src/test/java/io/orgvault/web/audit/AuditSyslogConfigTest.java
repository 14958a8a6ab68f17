package io.orgvault.web.audit;

import static io.orgvault.web.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.audit.AuditLog;
import io.orgvault.web.ApiClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code orgvault.audit.syslog.host} set, the service starts the shipper and each recorded
 * event is queued on disk for it; the server here is down (a closed port), so the events wait.
 * Delivery itself is proven against rsyslog in the audit module (SyslogShipperTest).
 */
@QuarkusTest
@TestProfile(AuditSyslogConfigTest.WithSyslog.class)
class AuditSyslogConfigTest {
  @Inject AuditBeans beans;
  @Inject AuditLog log; // created, so the shipper is

  public static class WithSyslog implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path dir = Files.createTempDirectory("orgvault-audit-syslog");
        Path ca = dir.resolve("ca.pem");
        Process p =
            new ProcessBuilder(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-keyout",
                    dir.resolve("ca.key").toString(),
                    "-out",
                    ca.toString(),
                    "-days",
                    "1",
                    "-subj",
                    "/CN=orgvault test syslog CA")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
          throw new IllegalStateException("openssl failed: " + out);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
          closedPort = s.getLocalPort();
        }
        return Map.of(
            "orgvault.audit.syslog.host", "127.0.0.1",
            "orgvault.audit.syslog.port", Integer.toString(closedPort),
            "orgvault.audit.syslog.ca-pem", ca.toString(),
            "orgvault.audit.syslog.queue-dir", dir.resolve("queue").toString());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void eventsAreQueuedForTheConfiguredServer() {
    var shipper = beans.shipper().orElseThrow();
    long before = shipper.pendingBytes();
    var t = ApiClient.createTenant("audit-syslog");
    as(t.key()).get("/api/v1/tenant").then().statusCode(200);
    assertThat(shipper.pendingBytes()).isGreaterThan(before);
    assertThat(shipper.delivered()).isZero();
  }
}
