package io.orgvault.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobListTest {
  @Test
  void allJobsArriveInPagesLinkedByNextRecordsUrl() throws Exception {
    try (Simulator sim = Simulator.builder().contacts(100).port(0).start()) {
      BulkClient client = new BulkClient(sim);
      Set<String> created = new HashSet<>();
      int jobs = JobRequests.LIST_PAGE_SIZE + 1;
      for (int i = 0; i < jobs; i++) {
        JsonNode job =
            client.ok(
                client.json(
                    "POST", "jobs/ingest", "{\"object\":\"Account\",\"operation\":\"insert\"}"));
        created.add(job.get("id").asText());
      }
      JsonNode first = client.ok(client.get("jobs/ingest"));
      assertThat(first.get("done").asBoolean()).isFalse();
      assertThat(first.get("records")).hasSize(JobRequests.LIST_PAGE_SIZE);
      JsonNode entry = first.get("records").get(0);
      assertThat(entry.get("jobType").asText()).isEqualTo("V2Ingest");
      assertThat(entry.get("state").asText()).isEqualTo("Open");
      String next = first.get("nextRecordsUrl").asText();
      assertThat(next).startsWith("/services/data/v60.0/jobs/ingest?queryLocator=");
      JsonNode second = client.ok(client.send("GET", URI.create(next).toString(), null, null));
      assertThat(second.get("done").asBoolean()).isTrue();
      assertThat(second.get("nextRecordsUrl").isNull()).isTrue();
      Set<String> listed = new HashSet<>();
      first.get("records").forEach(j -> listed.add(j.get("id").asText()));
      second.get("records").forEach(j -> listed.add(j.get("id").asText()));
      assertThat(listed).isEqualTo(created);

      JsonNode filtered = client.ok(client.get("jobs/ingest?jobType=Classic"));
      assertThat(filtered.get("records")).isEmpty();
      assertThat(client.ok(client.get("jobs/query")).get("records")).isEmpty();
    }
  }
}
