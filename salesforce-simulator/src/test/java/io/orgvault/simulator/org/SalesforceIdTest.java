package io.orgvault.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdTest {
  @Test
  void checksumMatchesPublishedExamples() {
    // Examples of Salesforce's CASESAFEID() results published alongside the algorithm.
    assertThat(SalesforceId.to18("a0D30000001n7Pi")).isEqualTo("a0D30000001n7PiEAI");
    assertThat(SalesforceId.to18("0019000000B98de")).isEqualTo("0019000000B98deAAB");
  }

  @Test
  void generatedIdsCarryPrefixAndRoundTripTheirNumber() {
    for (long seq : new long[] {1, 61, 62, 3843, 1_000_000, 13_537_086_546_263_551L}) {
      String id = SalesforceId.of("003", seq);
      assertThat(id).hasSize(18).startsWith("003");
      assertThat(SalesforceId.to18(id.substring(0, 15))).isEqualTo(id);
      assertThat(SalesforceId.sequence(id)).isEqualTo(seq);
    }
  }

  @Test
  void normalizeAcceptsBothFormsAndAnyCaseOfTheSuffix() {
    String id = SalesforceId.of("001", 12345);
    String lowerSuffix = id.substring(0, 15) + id.substring(15).toLowerCase();
    assertThat(SalesforceId.normalize(id.substring(0, 15))).isEqualTo(id);
    assertThat(SalesforceId.normalize(lowerSuffix)).isEqualTo(id);
  }

  @Test
  void normalizeRejectsMalformedIds() {
    String id = SalesforceId.of("001", 12345);
    assertThat(SalesforceId.normalize(id.substring(0, 15) + "ZZZ")).isNull();
    assertThat(SalesforceId.normalize("001-bad")).isNull();
    assertThat(SalesforceId.normalize("001ABC!@#$%^&*()")).isNull();
    assertThat(SalesforceId.normalize(null)).isNull();
    assertThat(SalesforceId.sequence("nonsense")).isEqualTo(-1);
  }
}
