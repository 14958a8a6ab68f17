package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiscoveryAndErrorsTest extends RestFixture {
  @Override
  Simulator.Builder simulator() {
    return super.simulator().dailyApiLimit(15_000);
  }

  @Test
  void versionsAreListedWithoutAuthenticationOldestFirst() {
    RestClient anonymous = new RestClient(sim, null);
    for (String path : List.of("/services/data", "/services/data/")) {
      HttpResponse<String> r = anonymous.get(path);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
      JsonNode list = json(r);
      assertThat(list.size()).isEqualTo(35);
      assertThat(list.get(0).toString())
          .isEqualTo(
              "{\"label\":\"Summer '14\",\"url\":\"/services/data/v31.0\",\"version\":\"31.0\"}");
      assertThat(list.get(list.size() - 1).toString())
          .isEqualTo(
              "{\"label\":\"Winter '26\",\"url\":\"/services/data/v65.0\",\"version\":\"65.0\"}");
    }
  }

  @Test
  void resourcesOfAVersionPointAtThatVersion() {
    for (String path : List.of(V, V + "/")) {
      HttpResponse<String> r = rest.get(path);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode map = json(r);
      assertThat(map.get("sobjects").asText()).isEqualTo(V + "/sobjects");
      assertThat(map.get("query").asText()).isEqualTo(V + "/query");
      assertThat(map.get("queryAll").asText()).isEqualTo(V + "/queryAll");
      assertThat(map.get("limits").asText()).isEqualTo(V + "/limits");
      assertThat(map.get("composite").asText()).isEqualTo(V + "/composite");
      assertThat(map.get("identity").asText())
          .isEqualTo(
              sim.baseUrl() + "/id/" + sim.org().orgId() + "/" + sim.org().integrationUserId());
    }
    assertThat(json(rest.get("/services/data/v50.0/")).get("sobjects").asText())
        .isEqualTo("/services/data/v50.0/sobjects");
  }

  @Test
  void versionedResourcesNeedAToken() {
    HttpResponse<String> r = new RestClient(sim, null).get(V + "/limits");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
  }

  @Test
  void limitsReportTheApiAllocationAsTheUsageHeaderDoes() {
    HttpResponse<String> r = rest.get(V + "/limits");
    assertThat(r.statusCode()).isEqualTo(200);
    String usage = r.headers().firstValue("Sforce-Limit-Info").orElseThrow();
    Matcher m = Pattern.compile("api-usage=(\\d+)/15000").matcher(usage);
    assertThat(m.matches()).as(usage).isTrue();
    long used = Long.parseLong(m.group(1));
    JsonNode body = json(r);
    assertThat(body.get("DailyApiRequests").toString())
        .isEqualTo("{\"Max\":15000,\"Remaining\":" + (15000 - used) + "}");
    for (String key :
        List.of(
            "DailyBulkV2QueryJobs",
            "DailyBulkV2QueryFileStorageMB",
            "DataStorageMB",
            "FileStorageMB",
            "ConcurrentAsyncGetReportInstances",
            "DailyBulkApiBatches")) {
      assertThat(body.get(key).get("Max").isIntegralNumber()).as(key).isTrue();
      assertThat(body.get(key).get("Remaining").asLong())
          .as(key)
          .isBetween(0L, body.get(key).get("Max").asLong());
    }
    assertThat(body.get("DataStorageMB").get("Remaining").asLong())
        .isLessThan(body.get("DataStorageMB").get("Max").asLong());

    long usedAfter = usedFrom(rest.get(V + "/limits"));
    assertThat(usedAfter).isEqualTo(used + 1);
  }

  @Test
  void unknownResourcesAreNotFound() {
    List<String> paths = new ArrayList<>();
    paths.add(V + "/nope");
    paths.add(V + "/sobjects/NoSuchObject/describe");
    paths.add(V + "/sobjects/Account/describe/nope/more");
    paths.add(V + "/limits/extra");
    paths.add(V + "/composite/tree");
    for (String path : paths) {
      HttpResponse<String> r = rest.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(json(r).toString())
          .as(path)
          .isEqualTo(
              "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
    }
    HttpResponse<String> r = rest.get("/services/data/v20.0/sobjects");
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void anUnsupportedMethodIs405WithTheAllowedOnes() {
    HttpResponse<String> r = rest.send("DELETE", V + "/sobjects/Account", null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET,POST");
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"HTTP Method 'DELETE' not allowed. Allowed are GET,POST\","
                + "\"errorCode\":\"METHOD_NOT_ALLOWED\"}]");

    r = rest.send("POST", V + "/limits", "{}");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("METHOD_NOT_ALLOWED");

    r = rest.send("PUT", V + "/composite/sobjects", "{}");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST,PATCH,DELETE");
  }

  private static long usedFrom(HttpResponse<String> r) {
    String usage = r.headers().firstValue("Sforce-Limit-Info").orElseThrow();
    return Long.parseLong(usage.substring("api-usage=".length(), usage.indexOf('/')));
  }
}
