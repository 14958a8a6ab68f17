package io.orgvault.engine.salesforce;

/**
 * The TLS handshake failed: the server's certificate does not chain to the configured trust store
 * or does not name the host. Not retried; check the trust store and the URL.
 */
public class UntrustedServerException extends SalesforceException {
  public UntrustedServerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The TLS failure in a chain of causes, or null. */
  static javax.net.ssl.SSLException tlsFailure(Throwable t) {
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof javax.net.ssl.SSLHandshakeException
          || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
        return (javax.net.ssl.SSLException) t;
      }
    }
    return null;
  }

  static UntrustedServerException of(String where, javax.net.ssl.SSLException e) {
    return new UntrustedServerException(
        "The TLS handshake with "
            + where
            + " failed: the server's certificate is not trusted by the configured trust store"
            + " or does not match the host ("
            + e.getMessage()
            + ")",
        e);
  }
}
