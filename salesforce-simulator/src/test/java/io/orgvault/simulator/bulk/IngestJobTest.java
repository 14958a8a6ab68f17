package io.orgvault.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestJobTest extends BulkFixture {
  private JsonNode createJob(String body) throws Exception {
    return client.ok(client.json("POST", "jobs/ingest", body));
  }

  private HttpResponse<String> putData(String id, String csv) throws Exception {
    return client.send(
        "PUT",
        BulkClient.path(BulkClient.VERSION, "jobs/ingest/" + id + "/batches"),
        "text/csv",
        csv);
  }

  private void upload(String id, String csv) throws Exception {
    HttpResponse<String> r = putData(id, csv);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).isEmpty();
  }

  private JsonNode close(String id) throws Exception {
    return client.ok(client.json("PATCH", "jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}"));
  }

  /** Creates, uploads, closes and awaits a job; returns its final info. */
  private JsonNode run(String jobJson, String csv) throws Exception {
    String id = createJob(jobJson).get("id").asText();
    upload(id, csv);
    close(id);
    return client.awaitDone("ingest", id);
  }

  private List<Map<String, String>> results(String id, String kind) throws Exception {
    HttpResponse<String> r = client.get("jobs/ingest/" + id + "/" + kind + "/");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv");
    return BulkClient.csv(r.body());
  }

  private Object value(String id, String field) {
    Org.RowRef ref = sim.org().find(id);
    assertThat(ref).as(id).isNotNull();
    return ref.table().value(ref.row(), field);
  }

  @Test
  void insertRunsEveryRowAsTheCreatorAndReportsEachOutcome() throws Exception {
    JsonNode created =
        createJob("{\"object\":\"Contact\",\"operation\":\"insert\",\"lineEnding\":\"LF\"}");
    String id = created.get("id").asText();
    assertThat(id).startsWith("750").hasSize(18);
    assertThat(created.get("state").asText()).isEqualTo("Open");
    assertThat(created.get("operation").asText()).isEqualTo("insert");
    assertThat(created.get("object").asText()).isEqualTo("Contact");
    assertThat(created.get("createdById").asText()).isEqualTo(sim.org().integrationUserId());
    assertThat(created.get("contentType").asText()).isEqualTo("CSV");
    assertThat(created.get("apiVersion").isDouble()).isTrue();
    assertThat(created.get("apiVersion").asDouble()).isEqualTo(60.0);
    assertThat(created.get("concurrencyMode").asText()).isEqualTo("Parallel");
    assertThat(created.get("contentUrl").asText())
        .isEqualTo("services/data/v60.0/jobs/ingest/" + id + "/batches");
    assertThat(created.get("createdDate").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

    String csv =
        "FirstName,LastName,Description,Birthdate,HasOptedOutOfEmail\n"
            + "Ada,Lovelace,\"Counts, \"\"engines\"\"\nand more\",1815-12-10,true\n"
            + "Grace,,no last name,,\n"
            + "Émile,Zola,plain,,false\n";
    upload(id, csv);
    JsonNode closed = close(id);
    assertThat(closed.get("state").asText()).isEqualTo("UploadComplete");
    JsonNode done = client.awaitDone("ingest", id);
    assertThat(done.get("state").asText()).isEqualTo("JobComplete");
    assertThat(done.get("jobType").asText()).isEqualTo("V2Ingest");
    assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(3);
    assertThat(done.get("numberRecordsFailed").asInt()).isEqualTo(1);

    List<Map<String, String>> ok = results(id, "successfulResults");
    assertThat(ok).hasSize(2);
    assertThat(ok.get(0).keySet())
        .containsExactly(
            "sf__Id",
            "sf__Created",
            "FirstName",
            "LastName",
            "Description",
            "Birthdate",
            "HasOptedOutOfEmail");
    Map<String, String> ada = ok.get(0);
    assertThat(ada.get("sf__Created")).isEqualTo("true");
    assertThat(ada.get("Description")).isEqualTo("Counts, \"engines\"\nand more");
    String adaId = ada.get("sf__Id");
    assertThat(adaId).startsWith("003");
    assertThat(value(adaId, "LastName")).isEqualTo("Lovelace");
    assertThat(value(adaId, "Description")).isEqualTo("Counts, \"engines\"\nand more");
    assertThat(value(adaId, "Birthdate")).isEqualTo(LocalDate.of(1815, 12, 10));
    assertThat(value(adaId, "HasOptedOutOfEmail")).isEqualTo(true);
    assertThat(value(adaId, "OwnerId")).isEqualTo(sim.org().integrationUserId());
    assertThat(value(adaId, "LastModifiedById")).isEqualTo(sim.org().integrationUserId());
    assertThat(value(ok.get(1).get("sf__Id"), "FirstName")).isEqualTo("Émile");

    List<Map<String, String>> failed = results(id, "failedResults");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).keySet()).startsWith("sf__Id", "sf__Error");
    assertThat(failed.get(0).get("sf__Id")).isEmpty();
    assertThat(failed.get(0).get("FirstName")).isEqualTo("Grace");
    assertThat(failed.get(0).get("sf__Error"))
        .isEqualTo("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --");

    HttpResponse<String> unprocessed = client.get("jobs/ingest/" + id + "/unprocessedrecords/");
    assertThat(unprocessed.body())
        .isEqualTo("FirstName,LastName,Description,Birthdate,HasOptedOutOfEmail\n");
  }

  @Test
  void updateSetsNullWithNaAndLeavesEmptyValuesUnchanged() throws Exception {
    ObjectTable contacts = sim.org().table("Contact");
    String a = contacts.id(10);
    String b = contacts.id(11);
    Object bPhone = contacts.value(11, "Phone");
    assertThat(bPhone).isNotNull();
    JsonNode done =
        run(
            "{\"object\":\"Contact\",\"operation\":\"update\"}",
            "Id,Title,Phone\n"
                + a
                + ",Chief Counter,#N/A\n"
                + b
                + ",Second,\n"
                + "003000000000000AAA,Nobody,\n");
    assertThat(done.get("state").asText()).isEqualTo("JobComplete");
    assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(3);
    assertThat(done.get("numberRecordsFailed").asInt()).isEqualTo(1);
    assertThat(value(a, "Title")).isEqualTo("Chief Counter");
    assertThat(value(a, "Phone")).isNull();
    assertThat(value(b, "Title")).isEqualTo("Second");
    assertThat(value(b, "Phone")).isEqualTo(bPhone);
    String jobId = done.get("id").asText();
    List<Map<String, String>> ok = results(jobId, "successfulResults");
    assertThat(ok).extracting(m -> m.get("sf__Id")).containsExactly(a, b);
    assertThat(ok).extracting(m -> m.get("sf__Created")).containsOnly("false");
    List<Map<String, String>> failed = results(jobId, "failedResults");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("sf__Id")).isEqualTo("003000000000000AAA");
    assertThat(failed.get(0).get("sf__Error"))
        .isEqualTo("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--");
  }

  @Test
  void upsertByExternalIdInsertsOrUpdatesAndResolvesParentsByExternalId() throws Exception {
    ObjectTable accounts = sim.org().table("Account");
    String existingNumber = (String) accounts.value(3, "AccountNumber");
    assertThat(existingNumber).isNotNull();
    JsonNode job =
        createJob(
            "{\"object\":\"Account\",\"operation\":\"upsert\","
                + "\"externalIdFieldName\":\"AccountNumber\"}");
    assertThat(job.get("externalIdFieldName").asText()).isEqualTo("AccountNumber");
    String id = job.get("id").asText();
    upload(id, "AccountNumber,Name\n" + existingNumber + ",Renamed Inc\nNEW-0001,Brand New Ltd\n");
    close(id);
    assertThat(client.awaitDone("ingest", id).get("numberRecordsFailed").asInt()).isZero();
    List<Map<String, String>> ok = results(id, "successfulResults");
    assertThat(ok).extracting(m -> m.get("sf__Created")).containsExactly("false", "true");
    assertThat(ok.get(0).get("sf__Id")).isEqualTo(accounts.id(3));
    assertThat(accounts.value(3, "Name")).isEqualTo("Renamed Inc");
    String newAccount = ok.get(1).get("sf__Id");
    assertThat(value(newAccount, "Name")).isEqualTo("Brand New Ltd");

    JsonNode contacts =
        run(
            "{\"object\":\"Contact\",\"operation\":\"insert\"}",
            "LastName,Account.AccountNumber\nChild,NEW-0001\nOrphan,NO-SUCH-NUMBER\n");
    String contactsJob = contacts.get("id").asText();
    List<Map<String, String>> inserted = results(contactsJob, "successfulResults");
    assertThat(inserted).hasSize(1);
    assertThat(value(inserted.get(0).get("sf__Id"), "AccountId")).isEqualTo(newAccount);
    assertThat(results(contactsJob, "failedResults").get(0).get("sf__Error"))
        .startsWith("INVALID_FIELD:Foreign key external ID: NO-SUCH-NUMBER not found");
  }

  @Test
  void deleteRecyclesAndHardDeletePurges() throws Exception {
    ObjectTable cases = sim.org().table("Case");
    String soft = cases.id(20);
    String hard = cases.id(21);
    run("{\"object\":\"Case\",\"operation\":\"delete\"}", "Id\n" + soft + "\n");
    assertThat(cases.isRecycled(20)).isTrue();
    JsonNode done = run("{\"object\":\"Case\",\"operation\":\"hardDelete\"}", "Id\n" + hard + "\n");
    assertThat(done.get("numberRecordsFailed").asInt()).isZero();
    assertThat(cases.isPurged(21)).isTrue();
    JsonNode wrongType =
        run(
            "{\"object\":\"Case\",\"operation\":\"delete\"}",
            "Id\n" + sim.org().table("Account").id(1) + "\n");
    assertThat(wrongType.get("numberRecordsFailed").asInt()).isEqualTo(1);
  }

  @Test
  void otherDelimitersAndCrlfAreReadAndEchoed() throws Exception {
    JsonNode job =
        createJob(
            "{\"object\":\"Contact\",\"operation\":\"insert\","
                + "\"columnDelimiter\":\"SEMICOLON\",\"lineEnding\":\"CRLF\"}");
    assertThat(job.get("columnDelimiter").asText()).isEqualTo("SEMICOLON");
    assertThat(job.get("lineEnding").asText()).isEqualTo("CRLF");
    String id = job.get("id").asText();
    upload(id, "LastName;Title\r\nSemi;\"a;b\"\r\nColon;plain\r\n");
    close(id);
    assertThat(client.awaitDone("ingest", id).get("numberRecordsProcessed").asInt()).isEqualTo(2);
    HttpResponse<String> r = client.get("jobs/ingest/" + id + "/successfulResults/");
    assertThat(r.body()).startsWith("\"sf__Id\";\"sf__Created\";LastName;Title\r\n");
    List<Map<String, String>> ok = BulkClient.csv(r.body(), ';', "\r\n");
    assertThat(ok).extracting(m -> m.get("Title")).containsExactly("a;b", "plain");
    assertThat(value(ok.get(0).get("sf__Id"), "Title")).isEqualTo("a;b");
  }

  @Test
  void badDataFailsTheJobWithItsReasonAndLeavesRowsUnprocessed() throws Exception {
    JsonNode unknown =
        run("{\"object\":\"Contact\",\"operation\":\"insert\"}", "LastName,Shoe_Size__c\nX,42\n");
    assertThat(unknown.get("state").asText()).isEqualTo("Failed");
    assertThat(unknown.get("errorMessage").asText())
        .isEqualTo("InvalidBatch : Field name not found : Shoe_Size__c");
    assertThat(results(unknown.get("id").asText(), "unprocessedrecords"))
        .containsExactly(Map.of("LastName", "X", "Shoe_Size__c", "42"));

    JsonNode crlf =
        run("{\"object\":\"Contact\",\"operation\":\"insert\"}", "LastName\r\nA\r\nB\r\n");
    assertThat(crlf.get("state").asText()).isEqualTo("Failed");
    assertThat(crlf.get("errorMessage").asText())
        .isEqualTo(
            "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is"
                + " LF");

    JsonNode quote =
        run("{\"object\":\"Contact\",\"operation\":\"insert\"}", "LastName\n\"unterminated\n");
    assertThat(quote.get("state").asText()).isEqualTo("Failed");
    assertThat(quote.get("errorMessage").asText()).contains("unterminated quoted field");
    assertThat(quote.get("numberRecordsProcessed").asInt()).isZero();
  }

  @Test
  void aMultipartRequestCreatesAClosedJobWithItsData() throws Exception {
    String body =
        "--BOUNDARY\n"
            + "Content-Type: application/json\n"
            + "Content-Disposition: form-data; name=\"job\"\n"
            + "\n"
            + "{\"object\":\"Contact\",\"contentType\":\"CSV\",\"operation\":\"insert\","
            + "\"lineEnding\":\"LF\"}\n"
            + "\n"
            + "--BOUNDARY\n"
            + "Content-Type: text/csv\n"
            + "Content-Disposition: form-data; name=\"content\"; filename=\"content\"\n"
            + "\n"
            + "FirstName,LastName,MailingCity\n"
            + "Astro,Multipart,San Francisco\n"
            + "Hootie,Multipart,San Francisco\n"
            + "--BOUNDARY--\n";
    HttpResponse<String> r =
        client.send(
            "POST",
            BulkClient.path(BulkClient.VERSION, "jobs/ingest/"),
            "multipart/form-data; boundary=\"BOUNDARY\"",
            body);
    JsonNode created = client.ok(r);
    assertThat(created.get("state").asText()).isEqualTo("UploadComplete");
    assertThat(created.has("contentUrl")).isFalse();
    String id = created.get("id").asText();
    JsonNode done = client.awaitDone("ingest", id);
    assertThat(done.get("state").asText()).isEqualTo("JobComplete");
    List<Map<String, String>> ok = results(id, "successfulResults");
    assertThat(ok).extracting(m -> m.get("FirstName")).containsExactly("Astro", "Hootie");
    assertThat(value(ok.get(1).get("sf__Id"), "MailingCity")).isEqualTo("San Francisco");

    HttpResponse<String> noContent =
        client.send(
            "POST",
            BulkClient.path(BulkClient.VERSION, "jobs/ingest"),
            "multipart/form-data; boundary=B",
            "--B\r\nContent-Disposition: form-data; name=\"job\"\r\n\r\n{}\r\n--B--\r\n");
    assertThat(BulkClient.error(noContent, 400).get("errorCode").asText()).isEqualTo("API_ERROR");
  }

  @Test
  void aJobClosedWithoutDataCompletesWithNoRecords() throws Exception {
    String id = createJob("{\"object\":\"Account\",\"operation\":\"insert\"}").get("id").asText();
    close(id);
    JsonNode done = client.awaitDone("ingest", id);
    assertThat(done.get("state").asText()).isEqualTo("JobComplete");
    assertThat(done.get("numberRecordsProcessed").asInt()).isZero();
    assertThat(results(id, "successfulResults")).isEmpty();
    assertThat(results(id, "failedResults")).isEmpty();
    assertThat(client.get("jobs/ingest/" + id + "/unprocessedrecords/").body()).isEmpty();
  }

  @Test
  void abortStopsAJobAndItsDataStaysUnprocessed() throws Exception {
    String id = createJob("{\"object\":\"Contact\",\"operation\":\"insert\"}").get("id").asText();
    upload(id, "LastName\nNever\n");
    JsonNode aborted =
        client.ok(client.json("PATCH", "jobs/ingest/" + id, "{\"state\":\"Aborted\"}"));
    assertThat(aborted.get("state").asText()).isEqualTo("Aborted");
    JsonNode err =
        BulkClient.error(
            client.json("PATCH", "jobs/ingest/" + id, "{\"state\":\"UploadComplete\"}"), 400);
    assertThat(err.get("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
    assertThat(client.get("jobs/ingest/" + id + "/unprocessedrecords/").body())
        .isEqualTo("LastName\nNever\n");
    ObjectTable t = sim.org().table("Contact");
    for (int r = t.generatedCount(); r < t.size(); r++) {
      assertThat(t.value(r, "LastName")).isNotEqualTo("Never");
    }
  }

  @Test
  void errorsComeInSalesforceShapes() throws Exception {
    assertThat(
            BulkClient.error(client.get("jobs/ingest/750000000000000AAA"), 404)
                .get("errorCode")
                .asText())
        .isEqualTo("NOT_FOUND");
    assertThat(
            BulkClient.error(
                    client.json(
                        "POST", "jobs/ingest", "{\"object\":\"Contact\",\"operation\":\"merge\"}"),
                    400)
                .get("message")
                .asText())
        .isEqualTo("Invalid value: 'merge' supplied for property: 'operation'");
    JsonNode noObject =
        BulkClient.error(
            client.json("POST", "jobs/ingest", "{\"object\":\"Widget\",\"operation\":\"insert\"}"),
            400);
    assertThat(noObject.get("errorCode").asText()).isEqualTo("INVALIDJOB");
    assertThat(noObject.get("message").asText())
        .isEqualTo("InvalidJob : Unable to find object: Widget");
    JsonNode badExternal =
        BulkClient.error(
            client.json(
                "POST",
                "jobs/ingest",
                "{\"object\":\"Account\",\"operation\":\"upsert\",\"externalIdFieldName\":\"Name\"}"),
            400);
    assertThat(badExternal.get("message").asText())
        .isEqualTo(
            "InvalidJob : Field name provided, Name does not match an External ID for Account");
    assertThat(
            BulkClient.error(client.json("POST", "jobs/ingest", "{not json"), 400)
                .get("errorCode")
                .asText())
        .isEqualTo("JSON_PARSER_ERROR");

    // Ingest jobs exist from API 41.0 and query jobs from 47.0; a wrong method is 405.
    assertThat(
            BulkClient.error(
                    client.send("GET", BulkClient.path(40, "jobs/ingest"), null, null), 404)
                .get("errorCode")
                .asText())
        .isEqualTo("NOT_FOUND");
    BulkClient.error(client.send("GET", BulkClient.path(46, "jobs/query"), null, null), 404);
    assertThat(
            BulkClient.error(client.json("PUT", "jobs/ingest", "{}"), 405)
                .get("errorCode")
                .asText())
        .isEqualTo("METHOD_NOT_ALLOWED");

    String id = createJob("{\"object\":\"Contact\",\"operation\":\"insert\"}").get("id").asText();
    assertThat(
            BulkClient.error(
                    client.send("DELETE", BulkClient.path(60, "jobs/ingest/" + id), null, null),
                    400)
                .get("errorCode")
                .asText())
        .isEqualTo("INVALIDJOBSTATE");
    upload(id, "LastName\nTwice\n");
    JsonNode twice = BulkClient.error(putData(id, "LastName\nX\n"), 400);
    assertThat(twice.get("errorCode").asText()).isEqualTo("BULK_API_ERROR");
    close(id);
    JsonNode afterClose = BulkClient.error(putData(id, "LastName\nX\n"), 400);
    assertThat(afterClose.get("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
    client.awaitDone("ingest", id);
    JsonNode abortDone =
        BulkClient.error(client.json("PATCH", "jobs/ingest/" + id, "{\"state\":\"Aborted\"}"), 400);
    assertThat(abortDone.get("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
    assertThat(abortDone.get("message").asText())
        .isEqualTo("Aborting already Completed Job not allowed");

    JsonNode list = client.ok(client.get("jobs/ingest"));
    assertThat(list.get("done").asBoolean()).isTrue();
    assertThat(list.get("nextRecordsUrl").isNull()).isTrue();
    assertThat(list.get("records")).anySatisfy(j -> assertThat(j.get("id").asText()).isEqualTo(id));

    HttpResponse<String> deleted =
        client.send("DELETE", BulkClient.path(60, "jobs/ingest/" + id), null, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(BulkClient.error(client.get("jobs/ingest/" + id), 404).get("errorCode").asText())
        .isEqualTo("NOT_FOUND");
    assertThat(client.get("jobs/ingest/" + id + "/successfulResults/").statusCode()).isEqualTo(404);
  }

  @Test
  void validationRulesFailTheirRowsWithTheRulesError() throws Exception {
    io.orgvault.simulator.org.ValidationRule rule =
        sim.org()
            .addValidationRule(
                "Contact",
                "No_Rejected",
                r -> "Rejected".equals(r.get("Title")),
                "Title may not be Rejected",
                "Title");
    try {
      JsonNode done =
          run(
              "{\"object\":\"Contact\",\"operation\":\"insert\"}",
              "LastName,Title\nA,Rejected\nB,Fine\n");
      String id = done.get("id").asText();
      assertThat(done.get("numberRecordsFailed").asInt()).isEqualTo(1);
      List<Map<String, String>> failed = results(id, "failedResults");
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0))
          .containsEntry(
              "sf__Error", "FIELD_CUSTOM_VALIDATION_EXCEPTION:Title may not be Rejected:Title --")
          .containsEntry("LastName", "A");
      assertThat(results(id, "successfulResults")).hasSize(1);
    } finally {
      sim.org().removeValidationRule(rule);
    }
  }

  @Test
  void resultsOfLargeJobsAreListedLastInternalBatchFirst() {
    int rows = 2 * IngestJobResource.INTERNAL_BATCH + 5;
    assertThat(IngestJobResource.resultOrder(0, rows))
        .isEqualTo(2 * IngestJobResource.INTERNAL_BATCH);
    assertThat(IngestJobResource.resultOrder(5, rows)).isEqualTo(IngestJobResource.INTERNAL_BATCH);
    assertThat(IngestJobResource.resultOrder(rows - 1, rows))
        .isEqualTo(IngestJobResource.INTERNAL_BATCH - 1);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int n = 0; n < rows; n++) {
      seen.add(IngestJobResource.resultOrder(n, rows));
    }
    assertThat(seen).hasSize(rows);
    assertThat(IngestJobResource.resultOrder(3, 7)).as("small jobs keep input order").isEqualTo(3);
  }
}
