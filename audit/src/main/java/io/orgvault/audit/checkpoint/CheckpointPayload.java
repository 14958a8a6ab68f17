package io.orgvault.audit.checkpoint;

import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a checkpoint signature covers, version 1:
 *
 * <pre>
 *   "OVAUDIT-CP" (10 ASCII bytes) | version u8 = 1 | tenant (i32 length + UTF-8) | seq i64
 *   | head hash (32) | created_at i64 µs since the epoch | key id (i32 length + UTF-8)
 * </pre>
 *
 * The tenant is inside so a checkpoint cannot be copied to another tenant's chain.
 */
public final class CheckpointPayload {
  public static final int V1 = 1;

  private CheckpointPayload() {}

  public static byte[] v1(
      String tenant, long seq, ChainHash headHash, Instant createdAt, String keyId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write("OVAUDIT-CP".getBytes(StandardCharsets.US_ASCII));
      out.writeByte(V1);
      text(out, tenant);
      out.writeLong(seq);
      out.write(headHash.bytes());
      out.writeLong(CanonicalForm.micros(createdAt));
      text(out, keyId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
