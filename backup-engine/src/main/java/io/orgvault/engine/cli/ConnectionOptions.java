package io.orgvault.engine.cli;

import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceCredentials;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * The org a command talks to (a backup reads it, a restore writes to it); its secrets come from
 * standard input ({@link StdinSecrets}).
 */
final class ConnectionOptions {
  @Option(names = "--login-url", required = true, description = "Login or instance URL (https).")
  URI loginUrl;

  @Option(names = "--consumer-key", description = "The connected app's consumer key.")
  String consumerKey;

  @Option(
      names = "--org-id",
      required = true,
      description =
          "The org's 18-character Id (for a restore: the org written to, the backed-up org or"
              + " another).")
  String orgId;

  @Option(
      names = "--api-budget-percent",
      defaultValue = "10",
      description = "Share of the org's daily API allowance one run may use (0 < p <= 100).")
  double apiBudgetPercent;

  @Option(
      names = "--trust-store",
      description = "PKCS12 trust store of the roots to trust (default: the JDK's cacerts).")
  Path trustStore;

  @Option(
      names = "--trust-store-password",
      defaultValue = "changeit",
      description = "Integrity password of the trust store (it holds certificates only).")
  String trustStorePassword;

  SalesforceClient connect(InputStream stdin) throws Exception {
    return connect(stdin, b -> b);
  }

  /** Connects with client options the command adds to the shared ones (e.g. a Bulk threshold). */
  SalesforceClient connect(InputStream stdin, UnaryOperator<ClientOptions.Builder> tune)
      throws Exception {
    StdinSecrets secrets = StdinSecrets.read(stdin);
    if (secrets.accessToken() == null && consumerKey == null) {
      throw new IllegalArgumentException("--consumer-key is required with a refresh token");
    }
    ClientOptions options =
        tune.apply(ClientOptions.builder().budgetFraction(apiBudgetPercent / 100)).build();
    SSLContext tls = tls();
    return secrets.accessToken() != null
        ? SalesforceClient.connect(TokenSource.fixed(secrets.accessToken(), loginUrl), tls, options)
        : SalesforceClient.connect(
            SalesforceCredentials.ofRefreshToken(
                loginUrl, consumerKey, secrets.consumerSecret(), secrets.refreshToken()),
            tls,
            options);
  }

  private SSLContext tls() throws Exception {
    if (trustStore == null) {
      return TrustStores.jdkDefault();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      ks.load(in, trustStorePassword.toCharArray());
    }
    return TrustStores.trusting(ks);
  }
}
