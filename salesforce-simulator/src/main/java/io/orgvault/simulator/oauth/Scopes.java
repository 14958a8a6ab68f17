package io.orgvault.simulator.oauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth scopes of the simulated connected app: a request may ask for a subset; without a {@code
 * scope} parameter it gets all of them, as Salesforce grants the app's selected scopes.
 */
final class Scopes {
  /** Scope → what the consent page says it allows. */
  private static final Map<String, String> APP_SCOPES = new LinkedHashMap<>();

  static {
    APP_SCOPES.put("api", "Manage user data via APIs");
    APP_SCOPES.put("refresh_token", "Perform requests at any time");
    APP_SCOPES.put("offline_access", "Perform requests at any time");
    APP_SCOPES.put("id", "Access the identity URL service");
    APP_SCOPES.put("openid", "Access unique user identifiers");
    APP_SCOPES.put("profile", "Access your basic profile information");
    APP_SCOPES.put("email", "Access your email address");
    APP_SCOPES.put("web", "Manage user data via Web browsers");
    APP_SCOPES.put("full", "Full access");
  }

  private Scopes() {}

  /** All of the app's scopes, space-separated. */
  static String all() {
    return String.join(" ", APP_SCOPES.keySet());
  }

  /**
   * The requested scopes, space-separated and de-duplicated, or null when one is not a scope of the
   * app. A blank request means all of the app's scopes.
   */
  static String parse(String requested) {
    if (requested == null || requested.isBlank()) {
      return all();
    }
    List<String> out = new ArrayList<>();
    for (String s : requested.trim().split("\\s+")) {
      if (!APP_SCOPES.containsKey(s)) {
        return null;
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return String.join(" ", out);
  }

  static boolean has(String scopes, String scope) {
    return scopes != null && List.of(scopes.split(" ")).contains(scope);
  }

  /**
   * Whether the scopes include a refresh token: {@code refresh_token} or {@code offline_access}.
   */
  static boolean refreshable(String scopes) {
    return has(scopes, "refresh_token") || has(scopes, "offline_access");
  }

  /** The consent page's lines for these scopes, one per distinct description. */
  static List<String> descriptions(String scopes) {
    Map<String, List<String>> byText = new LinkedHashMap<>();
    for (String s : scopes.split(" ")) {
      byText.computeIfAbsent(APP_SCOPES.get(s), k -> new ArrayList<>()).add(s);
    }
    List<String> lines = new ArrayList<>();
    byText.forEach((text, names) -> lines.add(text + " (" + String.join(", ", names) + ")"));
    return lines;
  }
}
