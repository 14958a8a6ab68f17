package io.orgvault.web.salesforce.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * OrgVault's connected app at Salesforce ({@code orgvault.salesforce.*}). The consumer secret is
 * read from a file, never from the environment or the command line.
 */
@ConfigMapping(prefix = "orgvault.salesforce")
public interface ConnectedAppConfig {
  /** The connected app's consumer key (public). */
  String clientId();

  /** A file (mode 0600) holding the consumer secret. */
  Path clientSecretFile();

  /** This service's callback, registered in the connected app. */
  String callbackUrl();

  /**
   * Hosts a tenant may name as its login URL: exact names, or {@code *.suffix} for My Domain.
   * Anything else is refused, so the service never calls a host a tenant made up.
   */
  @WithDefault("login.salesforce.com,test.salesforce.com,*.my.salesforce.com")
  List<String> loginHosts();

  /** PEM certificates to trust for Salesforce instead of the JDK's roots (tests, private CAs). */
  Optional<Path> trustPem();

  @WithDefault("api refresh_token id")
  String scopes();

  /** How long a started authorization waits for the user. */
  @WithDefault("PT10M")
  Duration authorizationTtl();
}
