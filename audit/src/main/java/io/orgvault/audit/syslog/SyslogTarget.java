package io.orgvault.audit.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The central syslog server: host, port (6514 is RFC 5425's) and the CA certificates its
 * certificate must chain to. The server's name is verified against its certificate (as HTTPS does),
 * TLS 1.2 or 1.3 only.
 */
public final class SyslogTarget {
  private final String host;
  private final int port;
  private final SSLContext tls;
  private final Duration connectTimeout;

  public SyslogTarget(String host, int port, SSLContext tls, Duration connectTimeout) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.connectTimeout = connectTimeout;
  }

  /** Trusting only the CA certificates in a PEM file (not the JDK's default roots). */
  public static SyslogTarget trusting(String host, int port, Path caPem)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(caPem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + caPem);
    }
    int i = 0;
    for (Certificate c : certs) {
      ks.setCertificateEntry("ca-" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return new SyslogTarget(host, port, ctx, Duration.ofSeconds(10));
  }

  /** A connected socket with the handshake done and the server's identity checked. */
  SSLSocket connect() throws IOException {
    Socket raw = new Socket();
    try {
      raw.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      raw.setTcpNoDelay(true);
      SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      s.setSSLParameters(p);
      s.setSoTimeout((int) connectTimeout.toMillis());
      s.startHandshake();
      return s;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
