package io.orgvault.simulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.orgvault.simulator.auth.AccessTokens;
import io.orgvault.simulator.bulk.BulkApi;
import io.orgvault.simulator.fault.Faults;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Router;
import io.orgvault.simulator.http.Router.Route;
import io.orgvault.simulator.limits.ApiLimits;
import io.orgvault.simulator.oauth.ConnectedApp;
import io.orgvault.simulator.oauth.OAuthApi;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.DayReport;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.OrgClock;
import io.orgvault.simulator.org.OrgSize;
import io.orgvault.simulator.rest.RestApi;
import io.orgvault.simulator.soap.SoapApi;
import io.orgvault.simulator.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An emulated Salesforce org over HTTPS: embeddable in tests ({@code port(0)} picks a free port)
 * and runnable standalone through {@link SimulatorMain}.
 */
public final class Simulator implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every small
    // response waits ~40 ms for the client's delayed ACK. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SelfSignedCertificate certificate;
  private final SimulatorContext context;
  private final URI baseUrl;

  private Simulator(Builder b) throws IOException {
    OrgClock clock = new OrgClock(b.clockStart, b.followWallClock);
    Org org = Org.generate(b.seed, b.size, clock);
    AccessTokens tokens = new AccessTokens(org.orgId(), b.tokenLifetime, Clock.systemUTC());
    ApiLimits limits = new ApiLimits(b.dailyApiLimit, b.concurrencyLimit);
    Faults faults = new Faults();
    InetSocketAddress address = new InetSocketAddress(b.host, b.port);
    if (b.tls) {
      certificate = SelfSignedCertificate.generate(b.host);
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
      server = https;
    } else {
      certificate = null;
      server = HttpServer.create(address, 0);
    }
    String scheme = b.tls ? "https" : "http";
    String host = b.host.contains(":") ? "[" + b.host + "]" : b.host;
    baseUrl = URI.create(scheme + "://" + host + ":" + server.getAddress().getPort());
    ConnectedApp app =
        new ConnectedApp(b.consumerKey, b.consumerSecret, b.callbackUrls, b.jwtCertificate);
    context = new SimulatorContext(org, tokens, limits, faults, app, () -> baseUrl);

    Router router = new Router(tokens, limits, faults);
    OAuthApi oauth = new OAuthApi(context, b.demoPassword);
    RestApi rest = new RestApi(context);
    BulkApi bulk = new BulkApi(context);
    Handler data = req -> (isBulk(req.path()) ? bulk : rest).handle(req);
    router
        .add(new Route("/services/oauth2/", false, false, false, false, oauth))
        .add(new Route("/id/", false, false, false, false, oauth))
        .add(new Route("/services/data", true, false, false, false, rest))
        .add(new Route("/services/data/", true, false, false, false, rest))
        .add(new Route("/services/data/v", false, true, true, true, data))
        .add(new Route("/services/Soap/u/", false, false, false, true, new SoapApi(context)))
        .add(new Route("/", true, false, false, false, new LandingPage(context)));
    server.createContext("/", router);
    executor = Executors.newFixedThreadPool(b.threads, daemonThreads());
    server.setExecutor(executor);
    server.start();
  }

  private static boolean isBulk(String path) {
    return io.orgvault.simulator.http.ApiVersions.rest(path).startsWith("/jobs/");
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "simulator-http");
      t.setDaemon(true);
      return t;
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, which is also the {@code instance_url} of issued tokens. */
  public URI baseUrl() {
    return baseUrl;
  }

  public Org org() {
    return context.org();
  }

  public SimulatorContext context() {
    return context;
  }

  public AccessTokens tokens() {
    return context.tokens();
  }

  public ApiLimits limits() {
    return context.limits();
  }

  public Faults faults() {
    return context.faults();
  }

  public ConnectedApp connectedApp() {
    return context.connectedApp();
  }

  /** Issues an access token for a user directly, as if an OAuth flow had run. */
  public String issueToken(String userId) {
    return tokens().issue(userId, connectedApp().consumerKey(), "api refresh_token");
  }

  /** The server certificate, or null over plain HTTP. */
  public X509Certificate certificate() {
    return certificate == null ? null : certificate.certificate();
  }

  /** A trust store holding only the server certificate (HTTPS only). */
  public KeyStore trustStore() {
    return certificate.trustStore();
  }

  /** A client TLS context that trusts exactly this simulator (HTTPS only). */
  public SSLContext clientSslContext() {
    return certificate.clientContext();
  }

  /** Runs one simulated day of user activity; a new day also restores the API allocation. */
  public DayReport simulateDay(DayRates rates) {
    DayReport r = org().simulateDay(rates);
    limits().resetDay();
    return r;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a simulator; every setting has a default fit for tests. */
  public static final class Builder {
    private long seed = 42;
    private OrgSize size = new OrgSize(1000);
    private String host = "127.0.0.1";
    private int port;
    private boolean tls = true;
    private Instant clockStart = Instant.parse("2026-01-05T08:00:00Z");
    private boolean followWallClock;
    private long dailyApiLimit = 1_000_000;
    private int concurrencyLimit = 25;
    private Duration tokenLifetime = Duration.ofHours(2);
    private int threads = 16;
    private String consumerKey = "3MVG9OrgVaultSimulatorConsumerKey";
    private String consumerSecret = randomSecret();
    private List<String> callbackUrls = new ArrayList<>(List.of("http://localhost/callback"));
    private X509Certificate jwtCertificate;
    private String demoPassword = OAuthApi.defaultDemoPassword();

    private static String randomSecret() {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      return HexFormat.of().formatHex(b).toUpperCase();
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder size(OrgSize v) {
      size = v;
      return this;
    }

    /** The number of Contacts; other objects scale with it (see {@link OrgSize}). */
    public Builder contacts(int n) {
      return size(new OrgSize(n));
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    /** Plain HTTP instead of HTTPS: only when asked. */
    public Builder plainHttp() {
      tls = false;
      return this;
    }

    public Builder clockStart(Instant v) {
      clockStart = v;
      return this;
    }

    /** Let the org's clock run with the wall clock (standalone use) instead of standing still. */
    public Builder followWallClock(boolean v) {
      followWallClock = v;
      return this;
    }

    public Builder dailyApiLimit(long v) {
      dailyApiLimit = v;
      return this;
    }

    public Builder concurrencyLimit(int v) {
      concurrencyLimit = v;
      return this;
    }

    public Builder tokenLifetime(Duration v) {
      tokenLifetime = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    public Builder consumerKey(String v) {
      consumerKey = v;
      return this;
    }

    public Builder consumerSecret(String v) {
      consumerSecret = v;
      return this;
    }

    public Builder callbackUrl(String v) {
      callbackUrls.add(v);
      return this;
    }

    /** Enables the JWT bearer grant: assertions must be signed by this certificate's key. */
    public Builder jwtCertificate(X509Certificate v) {
      jwtCertificate = v;
      return this;
    }

    /** The password every simulated user logs in with on the OAuth login page. */
    public Builder demoPassword(String v) {
      demoPassword = java.util.Objects.requireNonNull(v);
      return this;
    }

    public Simulator start() throws IOException {
      return new Simulator(this);
    }
  }
}
