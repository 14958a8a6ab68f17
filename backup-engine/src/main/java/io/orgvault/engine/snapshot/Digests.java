package io.orgvault.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 (the object's name) and MD5 (S3's in-transit check, {@code Content-MD5}) of a file. */
record Digests(String sha256, String md5Base64) {
  private static final int BUFFER_BYTES = 64 * 1024;

  static Digests of(Path file, String path) {
    MessageDigest sha = newSha256();
    MessageDigest md5 = md5();
    byte[] buf = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        md5.update(buf, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw new SnapshotException(
          path + " disappeared while the snapshot ran: something changed the store meanwhile");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return new Digests(
        HexFormat.of().formatHex(sha.digest()), Base64.getEncoder().encodeToString(md5.digest()));
  }

  static byte[] md5(byte[] b, int n) {
    MessageDigest md5 = md5();
    md5.update(b, 0, n);
    return md5.digest();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest md5() {
    try {
      // not for security: S3's integrity check of the bytes in transit asks for it
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
