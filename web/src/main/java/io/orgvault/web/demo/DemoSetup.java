package io.orgvault.web.demo;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.web.apikey.ApiKeyToken;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes what the demo profile reads before the service starts, once per demo directory: the KEK
 * file, a self-signed TLS certificate for localhost, and an operator key (the service is given only
 * its hash). Run by {@code ./orgvault demo} from the packaged service's classpath; nothing here is
 * fit for production, which provisions these with {@code deploy/}.
 *
 * <p>Prints nothing secret: the operator key lies in a 0600 file the demo banner reads.
 */
public final class DemoSetup {
  static final Duration TLS_VALIDITY = Duration.ofDays(365);

  private DemoSetup() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DemoSetup <demo directory>");
      System.exit(2);
    }
    prepare(Path.of(args[0]));
  }

  /** Creates whatever is missing under {@code dir}; existing files are kept (a demo resumes). */
  public static void prepare(Path dir) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    // tenant sandboxes (other uids) pass through to their volumes; nobody else lists the directory
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    warnIfUnreachable(dir.toAbsolutePath());
    Path kek = dir.resolve("kek.key");
    if (!Files.exists(kek)) {
      FileKeyEncryptionKey.generate(kek);
    }
    Path tls = dir.resolve("tls");
    if (!Files.exists(tls.resolve("cert.pem")) || !Files.exists(tls.resolve("key.pem"))) {
      Files.createDirectories(tls);
      writeTls(tls);
    }
    Path operatorKey = dir.resolve("operator.key");
    Path operatorHash = dir.resolve("operator.sha256");
    if (!Files.exists(operatorKey) || !Files.exists(operatorHash)) {
      ApiKeyToken key = ApiKeyToken.generate(ApiKeyToken.OPERATOR_KIND);
      writePrivate(operatorKey, key.text() + "\n");
      Files.writeString(operatorHash, HexFormat.of().formatHex(key.secretHash()) + "\n");
    }
  }

  /**
   * Sandboxed jobs run as tenant uids (when the service can drop to them, i.e. as root), which must
   * pass through every directory above their volumes. Said up front rather than as a failed first
   * backup.
   */
  private static void warnIfUnreachable(Path dir) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return; // no uid switch: jobs run unisolated as this user (the launcher warns)
    }
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p)
          .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
        System.out.println(
            "WARNING: "
                + p
                + " is not searchable by others, so tenant sandboxes cannot reach their volumes"
                + " under "
                + dir
                + ": set ORGVAULT_DEMO_DIR to a directory below searchable ones"
                + " (e.g. /var/tmp/orgvault-demo) or chmod o+x "
                + p);
        return;
      }
    }
  }

  private static void writeTls(Path tls) throws IOException, GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = g.generateKeyPair();
    X500Name name = new X500Name("CN=localhost, O=OrgVault demo (NOT FOR PRODUCTION)");
    Instant now = Instant.now();
    X509Certificate cert;
    try {
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(TLS_VALIDITY)),
              name,
              pair.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the demo TLS certificate", e);
    }
    writePrivate(tls.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(tls.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A file only its owner reads, created so (never briefly readable by others). */
  private static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
