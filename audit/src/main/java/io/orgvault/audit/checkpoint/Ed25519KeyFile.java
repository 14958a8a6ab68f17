package io.orgvault.audit.checkpoint;

import io.orgvault.audit.event.ChainHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * An Ed25519 checkpoint key in files: the private key as PKCS#8 (PEM "PRIVATE KEY" or DER, as
 * {@code openssl genpkey -algorithm ed25519} writes), the public key as X.509 SubjectPublicKeyInfo
 * (PEM "PUBLIC KEY" or DER). The private key file must be readable by its owner only. The key id is
 * derived from the public key, so it cannot disagree with it.
 */
public final class Ed25519KeyFile implements CheckpointSigner {
  private static final String ALG = "Ed25519";

  private final PrivateKey privateKey;
  private final String keyId;

  private Ed25519KeyFile(PrivateKey privateKey, String keyId) {
    this.privateKey = privateKey;
    this.keyId = keyId;
  }

  /**
   * A signer from a key pair's files; refuses a private key others can read and a pair that does
   * not match (a signature by the private key must verify with the public one).
   */
  public static Ed25519KeyFile load(Path privateKeyFile, Path publicKeyFile)
      throws IOException, GeneralSecurityException {
    PrivateKey priv = readPrivate(privateKeyFile);
    PublicKey pub = readPublic(publicKeyFile);
    byte[] probe = "orgvault audit key check".getBytes(StandardCharsets.US_ASCII);
    Signature s = Signature.getInstance(ALG);
    s.initSign(priv);
    s.update(probe);
    byte[] sig = s.sign();
    if (!verify(pub, probe, sig)) {
      throw new GeneralSecurityException(
          "the audit checkpoint keys "
              + privateKeyFile
              + " and "
              + publicKeyFile
              + " do not match");
    }
    return new Ed25519KeyFile(priv, keyId(pub));
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] payload) throws GeneralSecurityException {
    Signature s = Signature.getInstance(ALG);
    s.initSign(privateKey);
    s.update(payload);
    return s.sign();
  }

  /** "ed25519:" and the first 16 hex digits of the SHA-256 of the public key's encoding. */
  public static String keyId(PublicKey pub) {
    return "ed25519:" + ChainHash.sha256(pub.getEncoded()).hex().substring(0, 16);
  }

  public static boolean verify(PublicKey pub, byte[] payload, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALG);
      s.initVerify(pub);
      s.update(payload);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature is an invalid one.
      return false;
    }
  }

  public static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> p = view.readAttributes().permissions();
      if (p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ)) {
        throw new GeneralSecurityException(
            "the audit checkpoint private key "
                + file
                + " is readable by others ("
                + PosixFilePermissions.toString(p)
                + "); make it readable by its owner only (chmod 600)");
      }
    }
    return KeyFactory.getInstance(ALG)
        .generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
  }

  public static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance(ALG)
        .generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
  }

  /**
   * Writes a new key pair: the private key PEM created owner-only from the start (never briefly
   * readable), the public key PEM world-readable. Refuses to overwrite either file.
   */
  public static PublicKey generate(Path privateKeyFile, Path publicKeyFile)
      throws IOException, GeneralSecurityException {
    if (Files.exists(publicKeyFile)) {
      throw new FileAlreadyExistsException(publicKeyFile.toString());
    }
    KeyPair kp = KeyPairGenerator.getInstance(ALG).generateKeyPair();
    Files.createFile(
        privateKeyFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(privateKeyFile, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
    Files.writeString(publicKeyFile, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    return kp.getPublic();
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] der(Path file, String label) throws IOException, GeneralSecurityException {
    byte[] raw = Files.readAllBytes(file);
    String text = new String(raw, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    int b = text.indexOf(begin);
    if (b < 0) {
      if (text.contains("-----BEGIN ")) {
        throw new GeneralSecurityException(file + " is PEM but holds no " + label);
      }
      return raw;
    }
    int e = text.indexOf("-----END " + label + "-----", b);
    if (e < 0) {
      throw new GeneralSecurityException(file + ": unterminated PEM " + label);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw new GeneralSecurityException(file + ": bad base64 in PEM " + label);
    }
  }
}
