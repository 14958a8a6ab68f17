package io.orgvault.engine.salesforce;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for talking to Salesforce, each built from an explicit trust store and the JDK's
 * standard PKIX validation (chain, validity, and the host name, which the HTTP clients check).
 * There is deliberately no way to turn validation off.
 */
public final class TrustStores {
  private TrustStores() {}

  /** Trusts the certificate authorities of the JDK's own trust store ({@code cacerts}). */
  public static SSLContext jdkDefault() {
    return build(null);
  }

  /** Trusts exactly the certificates in {@code trustStore}. */
  public static SSLContext trusting(KeyStore trustStore) {
    if (trustStore == null) {
      throw new IllegalArgumentException("a trust store is required; use jdkDefault() for cacerts");
    }
    return build(trustStore);
  }

  private static SSLContext build(KeyStore trustStore) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context from the trust store", e);
    }
  }
}
