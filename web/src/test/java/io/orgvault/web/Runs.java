package io.orgvault.web;

import static io.orgvault.web.ApiClient.as;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs backups and waits for them to finish, through the API a client would poll. */
public final class Runs {
  private Runs() {}

  /** An on-demand backup of the org, awaited: returns the finished run, whatever its state. */
  public static JsonPath backUp(String key, String orgId) throws InterruptedException {
    String runId =
        as(key)
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return awaitBackup(key, runId);
  }

  public static JsonPath awaitBackup(String key, String runId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      JsonPath run =
          as(key).get("/api/v1/backup-runs/" + runId).then().statusCode(200).extract().jsonPath();
      if (List.of("SUCCEEDED", "STOPPED", "FAILED").contains(run.getString("state"))) {
        return run;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("run " + runId + " did not finish in time");
  }
}
