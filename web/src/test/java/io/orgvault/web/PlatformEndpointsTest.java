package io.orgvault.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsTest {
  @Test
  void healthReportsDatabaseStorageAndSchedulerUp() {
    List<String> checks =
        given()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .body("status", equalTo("UP"))
            .extract()
            .path("checks.name");
    assertThat(checks).contains("tenant-storage", "scheduler");
    assertThat(checks).anyMatch(n -> n.toLowerCase().contains("database"));
  }

  @Test
  void responsesCarryTheSecurityHeaders() {
    var r = given().get("/api/v1/tenant").then().statusCode(401).extract();
    assertThat(r.header("Strict-Transport-Security")).startsWith("max-age=31536000");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void prometheusMetricsAreServed() {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(text).contains("jvm_memory_used_bytes").contains("orgvault_sandboxes_running");
  }

  @Test
  void openApiDocumentsEveryEndpointWithItsStatuses() {
    Map<String, Map<String, Map<String, Object>>> paths =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .path("paths");
    assertThat(paths)
        .containsKeys(
            "/api/v1/operator/tenants",
            "/api/v1/operator/tenants/{id}",
            "/api/v1/operator/tenants/{id}/suspend",
            "/api/v1/tenant",
            "/api/v1/api-keys",
            "/api/v1/api-keys/{id}",
            "/api/v1/orgs",
            "/api/v1/orgs/connect",
            "/api/v1/orgs/{id}",
            "/api/v1/orgs/oauth/callback");
    paths.forEach(
        (path, ops) -> {
          if (path.equals("/api/v1/orgs/oauth/callback")) {
            return; // reached by the browser from Salesforce, authorized by its state
          }
          ops.forEach(
              (method, op) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                assertThat(responses.keySet())
                    .as(method + " " + path)
                    .contains("401")
                    .anyMatch(s -> s.startsWith("2"));
              });
        });
    @SuppressWarnings("unchecked")
    List<String> tenantCreate =
        List.copyOf(
            ((Map<String, Object>)
                    paths.get("/api/v1/operator/tenants").get("post").get("responses"))
                .keySet());
    assertThat(tenantCreate).contains("201", "400", "401", "403", "409");

    // reads through a query sandbox: refused input, not found, sandbox unavailable
    paths.forEach(
        (path, ops) -> {
          if (path.startsWith("/api/v1/orgs/{orgId}/data")) {
            assertThat(responses(ops.get("get")))
                .as("GET " + path)
                .containsKeys("200", "404", "503");
          }
        });
    assertThat(responses(paths.get("/api/v1/orgs/{orgId}/data/compare/changes").get("get")))
        .containsKeys("400");
    assertThat(responses(paths.get("/api/v1/orgs/{orgId}/exports").get("post")))
        .containsKeys("202", "400", "401", "403", "404", "503");
    assertThat(responses(paths.get("/api/v1/orgs/{orgId}/exports/{id}/file").get("get")))
        .containsKeys("200", "404", "409", "410");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> responses(Object operation) {
    return (Map<String, Object>) ((Map<String, Object>) operation).get("responses");
  }
}
