package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SOAP wire format and request hygiene, over raw HTTPS. */
class SoapWireTest {
  private static Simulator sim;
  private static HttpClient http;
  private static String session;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.builder().contacts(200).start();
    http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
    session = sim.issueToken(sim.org().integrationUserId());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String envelope(String sessionId, String body) {
    String header =
        sessionId == null
            ? ""
            : "<soapenv:Header><SessionHeader><sessionId>"
                + sessionId
                + "</sessionId></SessionHeader></soapenv:Header>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns=\"urn:partner.soap.sforce.com\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + header
        + "<soapenv:Body>"
        + body
        + "</soapenv:Body></soapenv:Envelope>";
  }

  private static HttpResponse<String> post(String path, String xml)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Content-Type", "text/xml; charset=UTF-8")
            .header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofString(xml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String xml) throws IOException, InterruptedException {
    return post("/services/Soap/u/65.0", xml);
  }

  @Test
  void responsesUseThePartnerNamespacesAndCarryLimitInfo() throws Exception {
    HttpResponse<String> r = post(envelope(session, "<getServerTimestamp/>"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml;charset=UTF-8");
    assertThat(r.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("xmlns=\"urn:partner.soap.sforce.com\"")
        .contains("xmlns:sf=\"urn:sobject.partner.soap.sforce.com\"")
        .contains("<soapenv:Header><LimitInfoHeader><limitInfo><current>")
        .contains("<type>API REQUESTS</type>")
        .contains(
            "<soapenv:Body><getServerTimestampResponse><result><timestamp>2026-01-05T08:00:00.000Z</timestamp>");
  }

  @Test
  void recordsAreSObjectsWithTypeIdAndNilFields() throws Exception {
    String id = sim.org().table("Account").id(0);
    sim.org().update("Account", id, java.util.Map.of("Phone", ""), sim.org().integrationUserId());

    HttpResponse<String> r =
        post(
            envelope(
                session,
                "<retrieve><fieldList>Name,Phone</fieldList><sObjectType>Account</sObjectType><ids>"
                    + id
                    + "</ids><ids>001000000000000AAA</ids></retrieve>"));

    assertThat(r.body())
        .contains(
            "<result xsi:type=\"sf:sObject\"><sf:type>Account</sf:type><sf:Id>"
                + id
                + "</sf:Id><sf:Name>")
        .contains("<sf:Phone xsi:nil=\"true\"/></result><result xsi:nil=\"true\"/>");
  }

  @Test
  void aMissingSessionHeaderIsAnInvalidSessionFault() throws Exception {
    HttpResponse<String> r = post(envelope(null, "<getUserInfo/>"));

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("xmlns:sf=\"urn:fault.partner.soap.sforce.com\"")
        .contains("<faultcode>sf:INVALID_SESSION_ID</faultcode>")
        .contains(
            "<faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring>")
        .contains(
            "<detail><sf:UnexpectedErrorFault xsi:type=\"sf:UnexpectedErrorFault\"><sf:exceptionCode>INVALID_SESSION_ID</sf:exceptionCode>");
  }

  @Test
  void theServerUrlMayNameTheOrgButOnlyItsOwn() throws Exception {
    String orgId = sim.org().orgId();
    assertThat(
            post(
                    "/services/Soap/u/65.0/" + orgId.substring(0, 15),
                    envelope(session, "<getServerTimestamp/>"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> other =
        post("/services/Soap/u/65.0/00D000000000999", envelope(session, "<getServerTimestamp/>"));
    assertThat(other.statusCode()).isEqualTo(500);
    assertThat(other.body()).contains("<faultcode>sf:INVALID_SESSION_ID</faultcode>");
  }

  @Test
  void anUnsupportedVersionIsRefused() throws Exception {
    HttpResponse<String> r =
        post("/services/Soap/u/20.0", envelope(session, "<getServerTimestamp/>"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("<faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>");
  }

  @Test
  void anUnknownOperationIsAClientFault() throws Exception {
    HttpResponse<String> r = post(envelope(session, "<frobnicate/>"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("<faultcode>soapenv:Client</faultcode>")
        .contains("No operation available for request {urn:partner.soap.sforce.com}frobnicate")
        .doesNotContain("<detail>");
  }

  @Test
  void malformedXmlIsAClientFault() throws Exception {
    HttpResponse<String> r =
        post(
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("<faultcode>soapenv:Client</faultcode>")
        .doesNotContain("Exception");
  }

  @Test
  void externalEntitiesAreNeverResolved() throws Exception {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + envelope(
                    session, "<describeSObject><sObjectType>&xxe;</sObjectType></describeSObject>")
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());

    HttpResponse<String> r = post(xxe);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("<faultcode>soapenv:Client</faultcode>").doesNotContain("root:");
  }

  @Test
  void entityExpansionIsRefused() throws Exception {
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + envelope(
                    session, "<describeSObject><sObjectType>&lol2;</sObjectType></describeSObject>")
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());

    HttpResponse<String> r = post(bomb);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("<faultcode>soapenv:Client</faultcode>").doesNotContain("lollol");
  }

  @Test
  void gzipRequestsAndResponsesAreSupported() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(
          envelope(session, "<describeSObject><sObjectType>Account</sObjectType></describeSObject>")
              .getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/Soap/u/65.0"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String xml;
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(xml).contains("<describeSObjectResponse><result>").contains("<name>Account</name>");
  }

  @Test
  void onlyPostIsAccepted() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/Soap/u/65.0"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("<faultcode>soapenv:Client</faultcode>");
  }
}
