package io.orgvault.simulator.oauth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connected app OrgVault uses: consumer key and secret, the allowed callback URLs, and the
 * certificate the JWT bearer grant checks signatures against (null while that grant is off). An
 * admin can upload a certificate to a live app, so the certificate can be replaced at any time.
 */
public final class ConnectedApp {
  private final String consumerKey;
  private final String consumerSecret;
  private final List<String> callbackUrls;
  private final AtomicReference<X509Certificate> jwtCertificate;

  public ConnectedApp(
      String consumerKey,
      String consumerSecret,
      List<String> callbackUrls,
      X509Certificate jwtCertificate) {
    this.consumerKey = consumerKey;
    this.consumerSecret = consumerSecret;
    this.callbackUrls = List.copyOf(callbackUrls);
    this.jwtCertificate = new AtomicReference<>(jwtCertificate);
  }

  public String consumerKey() {
    return consumerKey;
  }

  public String consumerSecret() {
    return consumerSecret;
  }

  public List<String> callbackUrls() {
    return callbackUrls;
  }

  public X509Certificate jwtCertificate() {
    return jwtCertificate.get();
  }

  /** Setup's "Use digital signatures": the JWT bearer grant checks against this from now on. */
  public void uploadJwtCertificate(X509Certificate certificate) {
    jwtCertificate.set(certificate);
  }

  @Override
  public String toString() {
    return "ConnectedApp[" + consumerKey + "]";
  }
}
