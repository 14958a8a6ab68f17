package io.orgvault.simulator.oauth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The connected app OrgVault uses: consumer key and secret, the allowed callback URLs, and the
 * certificate the JWT bearer grant checks signatures against (null when that grant is off).
 */
public record ConnectedApp(
    String consumerKey,
    String consumerSecret,
    List<String> callbackUrls,
    X509Certificate jwtCertificate) {
  public ConnectedApp {
    callbackUrls = List.copyOf(callbackUrls);
  }

  @Override
  public String toString() {
    return "ConnectedApp[" + consumerKey + "]";
  }
}
