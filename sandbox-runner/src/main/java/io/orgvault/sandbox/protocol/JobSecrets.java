package io.orgvault.sandbox.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The short-lived secrets of one job: the Salesforce session (an access token, or a refresh token
 * with the connected app's secret) and the tenant's unwrapped data key. They travel only inside the
 * request on stdin; {@link #toString()} never shows them.
 */
public final class JobSecrets {
  private final String accessToken;
  private final String refreshToken;
  private final String consumerSecret;
  private final byte[] dataKey;

  public JobSecrets(
      String accessToken, String refreshToken, String consumerSecret, byte[] dataKey) {
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.consumerSecret = consumerSecret;
    this.dataKey = dataKey == null ? null : dataKey.clone();
  }

  public static JobSecrets ofAccessToken(String accessToken, byte[] dataKey) {
    return new JobSecrets(accessToken, null, null, dataKey);
  }

  public String accessToken() {
    return accessToken;
  }

  public String refreshToken() {
    return refreshToken;
  }

  public String consumerSecret() {
    return consumerSecret;
  }

  /** A copy of the data key material; the caller clears it. */
  public byte[] dataKey() {
    return dataKey == null ? null : dataKey.clone();
  }

  /**
   * Every secret as text in the forms it could take in a message or a log line (the key also in
   * base64 and hex), for scrubbing output.
   */
  public List<String> scrubForms() {
    List<String> out = new ArrayList<>();
    for (String s : new String[] {accessToken, refreshToken, consumerSecret}) {
      if (s != null && !s.isEmpty()) {
        out.add(s);
      }
    }
    if (dataKey != null) {
      out.add(Base64.getEncoder().encodeToString(dataKey));
      out.add(java.util.HexFormat.of().formatHex(dataKey));
    }
    return out;
  }

  /** Overwrites the key material held here. */
  public void clear() {
    if (dataKey != null) {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "JobSecrets[redacted]";
  }
}
