package io.orgvault.simulator.oauth;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.oauth.PendingLogins.Pending;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /services/oauth2/authorize} of the web server flow: the GET validates the request and
 * shows the login form; the login form posts to the same URL and gets the consent form; the consent
 * form's answer redirects to the callback with a code, or with {@code error=access_denied}.
 *
 * <p>As in Salesforce, an unknown client or a redirect URI that is not one of the app's callback
 * URLs gets an error page and never a redirect (redirecting would hand the error to an unvetted
 * URL); once the redirect URI is trusted, errors go to it as {@code error=} parameters.
 */
final class AuthorizePages {
  static final String DEFAULT_DEMO_PASSWORD = "orgvault-demo";

  private static final String PATH = "/services/oauth2/authorize";

  private final SimulatorContext ctx;
  private final PendingLogins pending;
  private final AuthorizationCodes codes;
  private final byte[] demoPassword;
  private final boolean defaultPassword;

  AuthorizePages(
      SimulatorContext ctx, PendingLogins pending, AuthorizationCodes codes, String demoPassword) {
    this.ctx = ctx;
    this.pending = pending;
    this.codes = codes;
    this.demoPassword = demoPassword.getBytes(StandardCharsets.UTF_8);
    this.defaultPassword = demoPassword.equals(DEFAULT_DEMO_PASSWORD);
  }

  void handle(Request req) throws IOException {
    switch (req.method().toUpperCase()) {
      case "GET" -> start(req);
      case "POST" -> post(req);
      default -> throw pageError(405, "invalid_request", "must use HTTP GET or POST");
    }
  }

  /** An error shown as a page: its status, the OAuth {@code error} and a description. */
  static ApiException pageError(int status, String error, String description) {
    return new ApiException(status, error, description);
  }

  static void writeError(Request req, ApiException e) throws IOException {
    String body =
        """
        <h1>OAuth Error</h1>
        <p>We can't authorize you because of an OAuth error.</p>
        <p class="error"><code>error=%s</code><br><code>error_description=%s</code></p>
        """
            .formatted(Html.escape(e.errorCode()), Html.escape(e.getMessage()));
    Html.send(req, e.status(), "OAuth Error", body);
  }

  private void start(Request req) throws IOException {
    Map<String, String> p = req.query();
    ConnectedApp app = ctx.connectedApp();
    String clientId = p.get("client_id");
    if (clientId == null || !clientId.equals(app.consumerKey())) {
      throw pageError(400, "invalid_client_id", "client identifier invalid");
    }
    String redirectUri = p.get("redirect_uri");
    if (redirectUri == null || !app.callbackUrls().contains(redirectUri)) {
      throw pageError(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
    }
    String state = p.get("state");
    if (!"code".equals(p.get("response_type"))) {
      redirectError(
          req, redirectUri, "unsupported_response_type", "response type not supported", state);
      return;
    }
    String method = p.get("code_challenge_method");
    if (method != null && !method.equals("S256")) {
      redirectError(
          req, redirectUri, "invalid_request", "code_challenge_method not supported", state);
      return;
    }
    String challenge = p.get("code_challenge");
    if (challenge != null && challenge.isEmpty()) {
      challenge = null;
    }
    String scope = Scopes.parse(p.get("scope"));
    if (scope == null) {
      redirectError(req, redirectUri, "invalid_scope", "the requested scope is not allowed", state);
      return;
    }
    AuthorizationRequest a =
        new AuthorizationRequest(
            clientId, redirectUri, scope, state, challenge, p.get("login_hint"));
    loginPage(req, a, a.loginHint(), null);
  }

  private void post(Request req) throws IOException {
    Map<String, String> p = OAuthParams.of(req);
    Pending step =
        pending
            .take(p.get("flow"))
            .orElseThrow(
                () ->
                    pageError(
                        400,
                        "invalid_request",
                        "this page expired or was already submitted; start again from the app"));
    AuthorizationRequest a = step.request();
    if (step.userId() == null) {
      login(req, a, p);
    } else if ("allow".equals(p.get("decision"))) {
      redirect(req, a.redirectUri(), withState(Map.of("code", codes.issue(step.userId(), a)), a));
    } else {
      redirectError(
          req, a.redirectUri(), "access_denied", "end-user denied authorization", a.state());
    }
  }

  private void login(Request req, AuthorizationRequest a, Map<String, String> p)
      throws IOException {
    String username = p.get("username");
    OrgUser user =
        OrgUser.byUsername(ctx.org(), username)
            .filter(OrgUser::active)
            .filter(u -> passwordMatches(p.get("password")))
            .orElse(null);
    if (user == null) {
      loginPage(req, a, username, "Check your username and password and try again.");
      return;
    }
    String nonce = nonce(a, user.id());
    String scopes =
        Scopes.descriptions(a.scope()).stream()
            .map(s -> "<li>" + Html.escape(s) + "</li>")
            .collect(Collectors.joining());
    String body =
        """
        <h1>Allow access?</h1>
        <p><strong>OrgVault</strong> (connected app <code>%s</code>) is asking to:</p>
        <ul>%s</ul>
        <p>You are logged in as <strong>%s</strong>.</p>
        <form method="post" action="%s">
        <input type="hidden" name="flow" value="%s">
        <button type="submit" name="decision" value="deny">Deny</button>
        <button type="submit" name="decision" value="allow">Allow</button>
        </form>
        """
            .formatted(
                Html.escape(a.clientId()),
                scopes,
                Html.escape(user.username()),
                PATH,
                Html.escape(nonce));
    Html.send(req, 200, "Allow access?", body);
  }

  private void loginPage(Request req, AuthorizationRequest a, String username, String error)
      throws IOException {
    String nonce = nonce(a, null);
    String passwordHint =
        defaultPassword
            ? "Every simulated user's password is <code>" + DEFAULT_DEMO_PASSWORD + "</code>."
            : "Use the demo password this simulator was started with.";
    String body =
        """
        <h1>Log in to the simulated org</h1>
        %s
        <form method="post" action="%s">
        <input type="hidden" name="flow" value="%s">
        <label for="username">Username</label>
        <input id="username" name="username" type="text" autocomplete="username" value="%s" required>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Log In</button>
        </form>
        <p>Usernames are the org's users, such as <code>user1@orgvault.sim</code>. %s</p>
        """
            .formatted(
                error == null
                    ? ""
                    : "<p class=\"error\" role=\"alert\">" + Html.escape(error) + "</p>",
                PATH,
                Html.escape(nonce),
                Html.escape(username),
                passwordHint);
    Html.send(req, 200, "Log In", body);
  }

  private String nonce(AuthorizationRequest a, String userId) {
    return pending
        .put(a, userId)
        .orElseThrow(
            () ->
                pageError(
                    503,
                    "temporarily_unavailable",
                    "too many logins in progress; try again later"));
  }

  private boolean passwordMatches(String password) {
    return password != null
        && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), demoPassword);
  }

  private static Map<String, String> withState(Map<String, String> params, AuthorizationRequest a) {
    Map<String, String> m = new LinkedHashMap<>(params);
    if (a.state() != null) {
      m.put("state", a.state());
    }
    return m;
  }

  private static void redirectError(
      Request req, String redirectUri, String error, String description, String state)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("error", error);
    m.put("error_description", description);
    if (state != null) {
      m.put("state", state);
    }
    redirect(req, redirectUri, m);
  }

  /** A 302 to the callback with the parameters added to its query. */
  private static void redirect(Request req, String redirectUri, Map<String, String> params)
      throws IOException {
    StringBuilder url = new StringBuilder(redirectUri);
    char sep = redirectUri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      url.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    var h = req.exchange().getResponseHeaders();
    h.set("Location", url.toString());
    h.set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    Responses.send(req.exchange(), 302, null, null);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
