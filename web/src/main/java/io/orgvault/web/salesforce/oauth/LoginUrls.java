package io.orgvault.web.salesforce.oauth;

import io.orgvault.web.api.ApiProblem;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Checks a tenant-supplied login URL against the allowed hosts: HTTPS, no path, no user info. */
public final class LoginUrls {
  private LoginUrls() {}

  /** The normalized {@code https://host[:port]} or a 400 saying why not. */
  public static String check(String text, List<String> allowedHosts) {
    URI uri;
    try {
      uri = URI.create(text == null ? "" : text.strip());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid_login_url", "loginUrl is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || (uri.getRawPath() != null
            && !uri.getRawPath().isEmpty()
            && !uri.getRawPath().equals("/"))) {
      throw ApiProblem.badRequest(
          "invalid_login_url",
          "loginUrl must be https://host with no path, e.g. https://login.salesforce.com");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean allowed = false;
    for (String pattern : allowedHosts) {
      String p = pattern.strip().toLowerCase(Locale.ROOT);
      allowed |=
          p.startsWith("*.")
              ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1
              : host.equals(p);
    }
    if (!allowed) {
      throw ApiProblem.badRequest(
          "login_host_not_allowed",
          "login host " + host + " is not a Salesforce login host allowed here");
    }
    return "https://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }
}
