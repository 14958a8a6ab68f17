package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting over HTTPS, negotiating the API version, and the SOAP calls through force-wsc. */
class ConnectAndDescribeTest {
  private static SimOrg org;
  private static SalesforceClient client;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(300);
    client = org.client();
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @Test
  void theNewestVersionAtOrBelowTheMaximumIsChosen() {
    assertThat(client.apiVersion()).isEqualTo(new ApiVersion(65));
    SalesforceClient older = org.client(SimOrg.options().maxApiVersion(58).build());
    assertThat(older.apiVersion()).isEqualTo(new ApiVersion(58));
    // The chosen version is the one every call uses, SOAP included.
    assertThat(older.describe("Account").name()).isEqualTo("Account");
    assertThat(older.count("Account")).isEqualTo(org.ids("Account", false).size());
  }

  @Test
  void noVersionInCommonFailsClearly() {
    assertThatThrownBy(() -> org.client(SimOrg.options().maxApiVersion(30).build()))
        .isInstanceOf(UnsupportedApiVersionException.class)
        .hasMessageContaining("31.0 to 65.0")
        .hasMessageContaining("30.0 or older");
  }

  @Test
  void describeGlobalListsObjectsWithTheirFlags() {
    Map<String, SObjectSummary> objects =
        client.describeGlobal().stream().collect(Collectors.toMap(SObjectSummary::name, o -> o));
    assertThat(objects).containsKeys("Account", "Contact", "ContentVersion", "Project__c");
    assertThat(objects.get("Account").queryable()).isTrue();
    assertThat(objects.get("Account").replicateable()).isTrue();
    assertThat(objects.get("Account").keyPrefix()).isEqualTo("001");
    assertThat(objects.get("Project__c").custom()).isTrue();
    assertThat(objects.get("ContentDocumentLink").replicateable()).isFalse();
  }

  @Test
  void describeGivesFieldTypesAndRelationshipsInTheStoresTerms() {
    SObjectDescription contact = client.describe("Contact");
    assertThat(contact.field("Id").orElseThrow().type()).isEqualTo("id");
    assertThat(contact.field("SystemModstamp").orElseThrow().type()).isEqualTo("datetime");
    FieldDescription account = contact.field("AccountId").orElseThrow();
    assertThat(account.type()).isEqualTo("reference");
    assertThat(account.referenceTo()).containsExactly("Account");
    assertThat(account.relationshipName()).isEqualTo("Account");
    assertThat(contact.timestampField()).contains("SystemModstamp");
    assertThat(contact.fieldSchemas()).hasSameSizeAs(contact.fields());

    SObjectDescription opp = client.describe("Opportunity");
    FieldDescription amount = opp.field("Amount").orElseThrow();
    assertThat(amount.type()).isEqualTo("currency");
    assertThat(amount.valueKind()).isEqualTo(io.orgvault.engine.store.ValueKind.DECIMAL);
    assertThat(amount.toFieldSchema().precision()).isEqualTo(amount.precision());

    SObjectDescription account2 = client.describe("Account");
    assertThat(account2.childRelationships())
        .anySatisfy(
            c -> {
              assertThat(c.childSObject()).isEqualTo("Contact");
              assertThat(c.relationshipName()).isEqualTo("Contacts");
            });

    SObjectDescription version = client.describe("ContentVersion");
    assertThat(version.blobFields()).extracting(FieldDescription::name).contains("VersionData");
    assertThat(version.extractableFields())
        .extracting(FieldDescription::name)
        .doesNotContain("VersionData");
  }

  @Test
  void anUnknownObjectIsATypedApiError() {
    assertThatThrownBy(() -> client.describe("NoSuchThing__c"))
        .isInstanceOfSatisfying(
            SalesforceApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
  }

  @Test
  void serverTimestampIsTheOrgsClockAndSoapUsageIsReported() {
    Instant t = client.serverTimestamp();
    assertThat(t).isEqualTo(org.sim.org().clock().now());
    // The SOAP LimitInfoHeader reaches the budget like Sforce-Limit-Info does.
    assertThat(client.budget().lastUsage()).isPresent();
    assertThat(client.budget().lastUsage().get().max()).isEqualTo(org.sim.limits().dailyMax());
  }

  @Test
  void soapReportsUsageThroughTheLimitInfoHeader() {
    SalesforceClient fresh = org.client();
    assertThat(fresh.budget().lastUsage()).as("the version list carries no usage").isEmpty();
    fresh.describe("Account"); // SOAP only
    LimitInfo usage = fresh.budget().lastUsage().orElseThrow();
    assertThat(usage.max()).isEqualTo(org.sim.limits().dailyMax());
    assertThat(usage.used()).isPositive();
    assertThat(fresh.budget().callsMade()).isEqualTo(1);
  }

  @Test
  void countUsesRest() {
    assertThat(client.count("Contact")).isEqualTo(300);
    assertThat(client.budget().lastUsage().orElseThrow().used())
        .isLessThanOrEqualTo(org.sim.limits().used());
  }

  @Test
  void aTrustStoreWithoutTheOrgsCertificateIsRefusedAtOnce() {
    // The JDK's cacerts does not hold the simulator's self-signed certificate.
    assertThatThrownBy(
            () ->
                SalesforceClient.connect(
                    org.credentials(), TrustStores.jdkDefault(), SimOrg.options().build()))
        .isInstanceOf(UntrustedServerException.class)
        .hasMessageContaining("127.0.0.1")
        .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  @Test
  void forceWscUsesTheExplicitContextGivenToIt() {
    // The same session and transport; only the context handed to force-wsc differs. Neither the
    // JVM default nor cacerts trusts the simulator, so success proves force-wsc used ours.
    TokenSource session =
        TokenSource.fixed(org.sim.issueToken(org.sim.org().integrationUserId()), org.sim.baseUrl());
    ClientOptions opts = SimOrg.options().build();
    HttpTransport transport =
        new HttpTransport(
            TrustStores.trusting(org.sim.trustStore()),
            session,
            opts.newBudget(),
            opts,
            new Redactor());
    PartnerApi trusting =
        new PartnerApi(transport, TrustStores.trusting(org.sim.trustStore()), new ApiVersion(65));
    assertThat(trusting.call("getServerTimestamp", c -> c.getServerTimestamp()).getTimestamp())
        .isNotNull();
    PartnerApi jdkDefault = new PartnerApi(transport, TrustStores.jdkDefault(), new ApiVersion(65));
    assertThatThrownBy(() -> jdkDefault.call("getServerTimestamp", c -> c.getServerTimestamp()))
        .isInstanceOf(UntrustedServerException.class);
  }

  @Test
  void credentialsAndTokensNeverShowTheirSecrets() {
    SalesforceCredentials c = org.credentials();
    assertThat(c.toString())
        .doesNotContain(org.refreshToken)
        .doesNotContain(org.sim.connectedApp().consumerSecret());
    AccessToken t = new AccessToken("00Dxx!secret-session-value", org.sim.baseUrl(), null);
    assertThat(t.toString()).doesNotContain("secret-session-value");
  }

  @Test
  void plainHttpIsRefused() {
    assertThatThrownBy(
            () ->
                SalesforceCredentials.ofRefreshToken(
                    java.net.URI.create("http://login.example.com"), "k", "s", "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS");
  }
}
