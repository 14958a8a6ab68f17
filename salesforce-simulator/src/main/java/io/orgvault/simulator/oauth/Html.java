package io.orgvault.simulator.oauth;

import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;

/** The HTML of the authorization pages: escaping, the page frame and its security headers. */
final class Html {
  private static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;background:#f3f3f3;margin:0}
      main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;
      box-shadow:0 1px 3px rgba(0,0,0,.2)}
      label{display:block;margin-top:1rem}
      input{width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem}
      button{margin-top:1.25rem;padding:.6rem 1.2rem;margin-right:.5rem}
      .banner{font-size:.85rem;color:#555;border-left:3px solid #f0a000;padding-left:.5rem}
      .error{color:#b00020}
      code{background:#eee;padding:0 .2rem}
      """;

  private Html() {}

  /** Escapes text for an HTML element or a double-quoted attribute. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Sends a page. The body must already be escaped. The headers keep the page out of caches and
   * frames and allow no scripts at all.
   */
  static void send(Request req, int status, String title, String body) throws IOException {
    var h = req.exchange().getResponseHeaders();
    h.set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    h.set("X-Frame-Options", "DENY");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    h.set("Referrer-Policy", "no-referrer");
    String html =
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <title>%s | OrgVault Salesforce simulator</title><style>%s</style></head>
        <body><main>
        <p class="banner">OrgVault Salesforce simulator: an emulated org for tests and demos,
        not Salesforce.</p>
        %s
        </main></body></html>
        """
            .formatted(escape(title), STYLE, body);
    Responses.text(req.exchange(), status, "text/html;charset=UTF-8", html);
  }
}
