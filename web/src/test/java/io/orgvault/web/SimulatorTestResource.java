package io.orgvault.web;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.simulator.Simulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Map;

/**
 * Starts a Salesforce org simulator for the service under test and points the service at it: the
 * connected app's key, a secret file, the simulator's certificate as the trust PEM, a KEK file.
 */
public class SimulatorTestResource implements QuarkusTestResourceLifecycleManager {
  public static final String CALLBACK = "https://orgvault.test/api/v1/orgs/oauth/callback";

  private static Simulator sim;
  private static Simulator secondSim;
  private static Path kekFile;
  private static Path storageRoot;
  private Path dir;

  public static Path kekFile() {
    return kekFile;
  }

  public static Path storageRoot() {
    return storageRoot;
  }

  /** The store of the simulator's org in a tenant's volume (one store per org). */
  public static Path storeOf(String tenantId) {
    return storageRoot.resolve(tenantId).resolve("orgs").resolve(sim.org().orgId());
  }

  public static Simulator simulator() {
    return sim;
  }

  /** A second org (another seed, so another org id) behind the same connected app. */
  public static Simulator secondSimulator() {
    return secondSim;
  }

  /** The store of an org in a tenant's volume. */
  public static Path storeOf(String tenantId, Simulator org) {
    return storageRoot.resolve(tenantId).resolve("orgs").resolve(org.org().orgId());
  }

  @Override
  public Map<String, String> start() {
    try {
      sim = Simulator.builder().contacts(200).port(0).callbackUrl(CALLBACK).start();
      secondSim =
          Simulator.builder()
              .seed(2)
              .contacts(50)
              .port(0)
              .callbackUrl(CALLBACK)
              .consumerKey(sim.connectedApp().consumerKey())
              .consumerSecret(sim.connectedApp().consumerSecret())
              .start();
      dir = Files.createTempDirectory("orgvault-web-test");
      Path secret = dir.resolve("client-secret");
      Files.writeString(secret, sim.connectedApp().consumerSecret());
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
      Path pem = dir.resolve("salesforce.pem");
      Files.writeString(pem, pemOf(sim) + pemOf(secondSim));
      Path kek = dir.resolve("kek.key");
      FileKeyEncryptionKey.generate(kek);
      // tenant uids pass through these directories to reach their volumes
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      kekFile = kek;
      storageRoot = dir.resolve("volumes");
      return Map.ofEntries(
          Map.entry("orgvault.sandbox.storage-root", storageRoot.toString()),
          Map.entry("orgvault.sandbox.runtime-dir", dir.resolve("sandbox").toString()),
          Map.entry("orgvault.sandbox.trusted-certificate-files", pem.toString()),
          Map.entry("orgvault.salesforce.client-id", sim.connectedApp().consumerKey()),
          Map.entry("orgvault.salesforce.client-secret-file", secret.toString()),
          Map.entry("orgvault.salesforce.callback-url", CALLBACK),
          Map.entry("orgvault.salesforce.login-hosts", "localhost,127.0.0.1"),
          Map.entry("orgvault.salesforce.trust-pem", pem.toString()),
          Map.entry("orgvault.kek", "file:" + kek));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pemOf(Simulator s) throws CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(s.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  @Override
  public void stop() {
    if (sim != null) {
      sim.close();
    }
    if (secondSim != null) {
      secondSim.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temp directory left behind is harmless
    }
  }
}
