package io.orgvault.sandbox.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ties a handed-over data key to the one wrapped key file it came from: SHA-256 over the file's
 * header (the associated data of the wrap: tenant and KEK id) followed by its wrapped bytes, in
 * lower-case hex. Not secret.
 */
public final class DataKeyBinding {
  private DataKeyBinding() {}

  public static String of(byte[] header, byte[] wrapped) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(header);
      d.update(wrapped);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
