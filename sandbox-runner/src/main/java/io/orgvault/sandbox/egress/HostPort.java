package io.orgvault.sandbox.egress;

import java.net.URI;
import java.util.Locale;

/** One destination a tenant may reach: a host name or address and a TCP port. */
public record HostPort(String host, int port) {
  /** The port of https URLs that name none. */
  public static final int HTTPS_PORT = 443;

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
  }

  /** The host and port an https URL connects to. */
  public static HostPort of(URI url) {
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("not an https URL with a host");
    }
    return new HostPort(url.getHost(), url.getPort() < 0 ? HTTPS_PORT : url.getPort());
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
