package io.orgvault.sandbox.protocol;

import static io.orgvault.sandbox.protocol.JobRequestTest.BINDING;
import static io.orgvault.sandbox.protocol.JobRequestTest.KEY;
import static io.orgvault.sandbox.protocol.JobRequestTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.restore.ConflictPolicy;
import io.orgvault.engine.restore.RestoreOptions;
import io.orgvault.engine.restore.RestoreSelection;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestoreRequestTest {
  static final String ACCOUNT = "001000000000001AAA";
  static final String SECRET = "TOPSECRET";

  static JobSpec restoreSpec(JobKind kind, RestoreSettings restore) {
    return JobSpec.ofRestore(
        kind,
        "tenant-a",
        "/volume",
        "00D000000000001AAA",
        URI.create("https://login.example.com"),
        List.of("PEM"),
        "kek-1",
        BINDING,
        restore);
  }

  static JobSpec roundTrip(JobSpec spec) {
    return JobRequest.read(
            new ByteArrayInputStream(
                new JobRequest(spec, JobSecrets.ofAccessToken("tok", KEY)).toJson()))
        .spec();
  }

  @Test
  void everySelectionKindAndTheOptionsSurviveTheWire() {
    RestoreOptions options =
        new RestoreOptions(
            Set.of("Email", "Title"),
            ConflictPolicy.OVERWRITE,
            Set.of("Case", ACCOUNT),
            Map.of("Account", "AccountNumber"),
            50);
    List<RestoreSelection> selections =
        List.of(
            new RestoreSelection.RecordVersionOf(3, "Contact", "003000000000001AAA"),
            new RestoreSelection.ObjectAsOf(2, "Project__c"),
            new RestoreSelection.RecordWithRelated(4, "Account", ACCOUNT, true, true),
            new RestoreSelection.CompareRecords(
                1,
                5,
                new CompareFilter(
                    Set.of("Contact"),
                    Set.of(ChangeKind.DELETED, ChangeKind.CHANGED),
                    Set.of("Email"))));
    for (RestoreSelection s : selections) {
      JobSpec spec = restoreSpec(JobKind.RESTORE_PLAN, RestoreSettings.plan(s, options));
      assertThat(roundTrip(spec)).as(s.toString()).isEqualTo(spec);
    }
    JobSpec run = restoreSpec(JobKind.RESTORE_RUN, RestoreSettings.run("r-0123456789abcdef"));
    assertThat(roundTrip(run)).isEqualTo(run);
  }

  @Test
  void omittedOptionsAreTheEngineDefaultsAndChildrenAreTakenByDefault() {
    JobRequest r = read(request("restore-plan", selection("record-with-related", "")));
    assertThat(r.spec().kind()).isEqualTo(JobKind.RESTORE_PLAN);
    assertThat(r.spec().restore().options()).isEqualTo(RestoreOptions.defaults());
    assertThat(r.spec().restore().selection())
        .isEqualTo(new RestoreSelection.RecordWithRelated(3, "Account", ACCOUNT, true, false));
  }

  @Test
  void badRestoreRequestsNameTheFieldAndNeverQuoteTheInput() {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry(
                request("restore-plan", "{\"selection\":{\"kind\":\"" + SECRET + "\"}}"),
                "job.restore.selection.kind must be record-version, object-as-of,"
                    + " record-with-related or compare-records"),
            Map.entry(
                request(
                    "restore-plan",
                    selection("record-version", "").replace(ACCOUNT, "001'" + SECRET)),
                "job.restore.selection.id is not a record Id"),
            Map.entry(
                request(
                    "restore-plan",
                    selection("object-as-of", "").replace("Account", "Acc ount;" + SECRET)),
                "job.restore.selection.object is not an API name"),
            Map.entry(
                request("restore-plan", selection("record-version", "").replace("3", "-1")),
                "job.restore.selection.backup must be a backup number"),
            Map.entry(
                request(
                    "restore-plan",
                    "{\"selection\":{\"kind\":\"compare-records\",\"from\":1,\"to\":2,"
                        + "\"kinds\":[\""
                        + SECRET
                        + "\"]}}"),
                "job.restore.selection.kinds holds added, deleted or changed"),
            Map.entry(
                request(
                    "restore-plan",
                    selection("record-version", ",\"options\":{\"conflicts\":\"" + SECRET + "\"}")),
                "job.restore.options.conflicts must be skip or overwrite"),
            Map.entry(
                request(
                    "restore-plan",
                    selection(
                        "record-version",
                        ",\"options\":{\"fields\":[\"Email\",\"" + SECRET + ".x\"]}")),
                "job.restore.options.fields is not an API name"),
            Map.entry(
                request(
                    "restore-plan",
                    selection(
                        "record-version",
                        ",\"options\":{\"externalIds\":{\"Account\":\"" + SECRET + " x\"}}")),
                "job.restore.options.externalIds (a field) is not an API name"),
            Map.entry(
                request(
                    "restore-plan",
                    selection("record-version", ",\"options\":{\"bulkThreshold\":0}")),
                "job.restore.options.bulkThreshold must be a positive integer"),
            Map.entry(
                request("restore-plan", "{\"restoreId\":\"r-0123456789abcdef\"}"),
                "restore-plan: job.restore.selection is required"),
            Map.entry(
                request("restore-run", "{\"restoreId\":\"r-" + SECRET + "\"}"),
                "job.restore.restoreId is not a restore id (r- and 16 hex digits)"),
            Map.entry(
                request("restore-run", selection("record-version", "")),
                "restore-run: job.restore.restoreId is required"),
            Map.entry(
                request("restore-run", null), "restore-run: job.restore.restoreId is required"),
            Map.entry(
                request("backup", "{\"restoreId\":\"r-0123456789abcdef\"}"),
                "job.restore belongs to restore-plan and restore-run only"));
    bad.forEach(
        (json, message) ->
            assertThatThrownBy(() -> read(json))
                .as(message)
                .isInstanceOf(ProtocolException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET)));
  }

  @Test
  void aRestoreNeedsAnOrgAndASession() {
    String ok = request("restore-run", "{\"restoreId\":\"r-0123456789abcdef\"}");
    assertThat(read(ok).spec().restore().restoreId()).isEqualTo("r-0123456789abcdef");
    assertThatThrownBy(() -> read(ok.replace("\"accessToken\":\"tok\",", "")))
        .hasMessage("restore-run: secrets need accessToken, or refreshToken and consumerSecret");
    assertThatThrownBy(() -> read(ok.replace("https://x", "http://x")))
        .hasMessage("restore-run: loginUrl must be an https URL");
    assertThatThrownBy(() -> read(ok.replace("00D000000000001AAA", "001000000000001AAA")))
        .hasMessage("restore-run: orgId is not an org Id");
  }

  /** A request of {@code kind} with {@code restore} as {@code job.restore} (null: none). */
  static String request(String kind, String restore) {
    return "{\"protocol\":1,\"job\":{\"kind\":\""
        + kind
        + "\",\"tenant\":\"t\",\"volume\":\"/v\","
        + "\"orgId\":\"00D000000000001AAA\",\"loginUrl\":\"https://x.example\",\"kekId\":\"k\","
        + "\"dataKeyBinding\":\""
        + BINDING
        + "\""
        + (restore == null ? "" : ",\"restore\":" + restore)
        + "},\"secrets\":{\"accessToken\":\"tok\",\"dataKey\":\""
        + Base64.getEncoder().encodeToString(KEY)
        + "\"}}";
  }

  /** {@code job.restore} with a selection of {@code kind} on Account {@link #ACCOUNT}. */
  static String selection(String kind, String more) {
    return "{\"selection\":{\"kind\":\""
        + kind
        + "\",\"backup\":3,\"object\":\"Account\",\"id\":\""
        + ACCOUNT
        + "\"}"
        + more
        + "}";
  }
}
