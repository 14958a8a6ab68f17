package io.orgvault.simulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone simulator's certificate file: loaded when it appears and again when it changes.
 */
class CertificateFileWatchTest {
  @TempDir Path dir;

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!condition.get() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
  }

  @Test
  void aCertificateFileThatAppearsLaterAndThenChangesIsUploadedEachTime() throws Exception {
    ConnectedApp app = new ConnectedApp("key", "secret", List.of(), null);
    Path file = dir.resolve("app.pem");
    CertificateFileWatch.start(file, app);
    Thread.sleep(1200);
    assertThat(app.jwtCertificate()).isNull();

    X509Certificate first = JwtSigner.generate().certificate();
    Files.writeString(file, pem(first));
    await(() -> first.equals(app.jwtCertificate()));
    assertThat(app.jwtCertificate()).isEqualTo(first);

    X509Certificate second = JwtSigner.generate().certificate();
    Files.writeString(file, pem(second));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    await(() -> second.equals(app.jwtCertificate()));
    assertThat(app.jwtCertificate()).isEqualTo(second);
  }
}
