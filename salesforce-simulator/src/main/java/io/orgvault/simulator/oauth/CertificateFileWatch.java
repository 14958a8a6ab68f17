package io.orgvault.simulator.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Keeps the connected app's JWT certificate in step with a PEM file (the standalone simulator's
 * stand-in for an admin uploading a certificate in Setup): checked every second, loaded when it
 * appears or changes. A file that does not parse is reported and the previous certificate kept.
 */
public final class CertificateFileWatch {
  static final long INTERVAL_MS = 1000;

  private CertificateFileWatch() {}

  public static void start(Path file, ConnectedApp app) {
    Thread t =
        new Thread(
            () -> {
              FileTime seen = null;
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  FileTime now = Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
                  if (now != null && !now.equals(seen)) {
                    seen = now;
                    app.uploadJwtCertificate(read(file));
                    System.out.println("JWT bearer: connected app certificate loaded from " + file);
                  }
                  Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                  return;
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                  System.err.println(
                      "JWT bearer: cannot read the certificate " + file + ": " + e.getMessage());
                }
              }
            },
            "jwt-certificate-watch");
    t.setDaemon(true);
    t.start();
  }

  static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
