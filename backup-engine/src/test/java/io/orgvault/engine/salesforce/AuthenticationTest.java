package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions: renewed once when they expire, and clear failures when they cannot be. */
class AuthenticationTest {
  /** The shape of the simulator's (and Salesforce's) session ids: org id, '!', random text. */
  private static final Pattern SESSION = Pattern.compile("[0-9A-Za-z]{15}![0-9A-Za-z_.-]{20,}");

  private SimOrg org;

  @BeforeEach
  void start() throws Exception {
    org = SimOrg.start(1000);
  }

  @AfterEach
  void stop() {
    org.close();
  }

  private static List<String> drainExpiringHalfway(Extraction e, Runnable expire) {
    List<String> ids = new ArrayList<>();
    try (e) {
      while (e.hasNext()) {
        ids.add(e.next().id());
        if (ids.size() == 500) {
          expire.run();
        }
      }
    }
    return ids;
  }

  private static Set<String> once(List<String> ids) {
    Set<String> set = new TreeSet<>(ids);
    assertThat(set).as("no record twice").hasSameSizeAs(ids);
    return set;
  }

  @Test
  void aSessionThatExpiresMidStreamIsRenewedOnceAndTheStreamGoesOn() {
    SalesforceClient client =
        org.client(SimOrg.options().restBatchSize(200).bulkMaxRecords(300).build());
    SObjectDescription contact = client.describe("Contact");
    assertThat(client.sessionRenewals()).isZero();

    List<String> rest =
        drainExpiringHalfway(
            client.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build()),
            () -> org.sim.tokens().expireAll());
    assertThat(once(rest)).isEqualTo(org.ids("Contact", false));
    assertThat(client.sessionRenewals()).isEqualTo(1);

    List<String> bulk =
        drainExpiringHalfway(
            client.extract(ExtractionRequest.of(contact).method(ExtractionMethod.BULK).build()),
            () -> org.sim.tokens().expireAll());
    assertThat(once(bulk)).isEqualTo(org.ids("Contact", false));
    assertThat(client.sessionRenewals()).isEqualTo(2);

    org.sim.tokens().expireAll();
    assertThat(client.describe("Account").name()).isEqualTo("Account"); // SOAP renews too
    assertThat(client.sessionRenewals()).isEqualTo(3);
  }

  @Test
  void aRevokedRefreshTokenIsATypedFailureWithAClearMessageAndNoSecrets() throws Exception {
    SalesforceClient client = org.client(SimOrg.options().restBatchSize(200).build());
    Extraction e =
        client.extract(
            ExtractionRequest.of(client.describe("Contact")).method(ExtractionMethod.REST).build());
    e.next();
    org.revokeRefreshToken(); // ends its sessions too
    Throwable thrown = null;
    try {
      e.forEachRemaining(r -> {});
    } catch (AuthenticationException ex) {
      thrown = ex;
    }
    assertThat(thrown)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("refresh token")
        .hasMessageContaining("authorize OrgVault again");
    org.assertNoSecrets(thrown);
    assertThat(SESSION.matcher(stackText(thrown)).find()).as("no session id").isFalse();

    assertThatThrownBy(() -> org.client())
        .isInstanceOf(AuthenticationException.class)
        .satisfies(ex -> org.assertNoSecrets(ex));
  }

  @Test
  void aWrongConsumerSecretIsRefused() {
    SalesforceCredentials wrong =
        SalesforceCredentials.ofRefreshToken(
            org.sim.baseUrl(),
            org.sim.connectedApp().consumerKey(),
            "not-the-secret-at-all",
            org.refreshToken);
    assertThatThrownBy(
            () ->
                SalesforceClient.connect(
                    wrong, TrustStores.trusting(org.sim.trustStore()), SimOrg.options().build()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_client")
        .satisfies(ex -> org.assertNoSecrets(ex, "not-the-secret-at-all"));
  }

  @Test
  void aFixedSessionThatExpiresCannotBeRenewed() {
    String session = org.sim.issueToken(org.sim.org().integrationUserId());
    SalesforceClient client =
        SalesforceClient.connect(
            TokenSource.fixed(session, org.sim.baseUrl()),
            TrustStores.trusting(org.sim.trustStore()),
            SimOrg.options().build());
    assertThat(client.count("Account")).isPositive();
    org.sim.tokens().expireAll();
    assertThatThrownBy(() -> client.count("Account"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no refresh token")
        .satisfies(ex -> org.assertNoSecrets(ex, session));
    assertThatThrownBy(() -> client.describe("Account"))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(ex -> org.assertNoSecrets(ex, session));
  }

  @Test
  void aSessionRejectedRightAfterRenewalFailsInsteadOfLooping() {
    SalesforceClient client = org.client();
    org.sim.faults().enable(FaultPlan.none().withSeed(3).withTokenExpiry(1.0));
    try {
      assertThatThrownBy(() -> client.count("Account"))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("freshly issued session");
      assertThatThrownBy(() -> client.describe("Account"))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("freshly issued session");
    } finally {
      org.sim.faults().disable();
    }
    assertThat(client.count("Account")).isPositive();
  }

  private static String stackText(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
