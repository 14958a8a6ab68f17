package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Canonical values, ids, budgets, retry waits and redaction. */
class ValuesTest {
  @Test
  void dateTimesInEveryFormTheApisUse() {
    Instant t = Instant.parse("2024-01-31T12:34:56.789Z");
    assertThat(Values.dateTime("2024-01-31T12:34:56.789+0000")).isEqualTo(t);
    assertThat(Values.dateTime("2024-01-31T12:34:56.789Z")).isEqualTo(t);
    assertThat(Values.dateTime("2024-01-31T14:34:56.789+02:00")).isEqualTo(t);
    assertThat(Values.dateTime("2024-01-31T07:34:56.789-0500")).isEqualTo(t);
  }

  @Test
  void theFixedLayoutsAgreeWithTheGeneralParserAndRefuseWhatItRefuses() {
    for (String s :
        List.of(
            "2024-02-29T23:59:59.999Z",
            "1970-01-01T00:00:00.000Z",
            "2024-12-31T23:30:00.001-0530",
            "2000-03-01T00:00:00.000+1400",
            "1969-12-31T23:59:59.999Z")) {
      String iso = s.length() == 28 ? s.substring(0, 26) + ":" + s.substring(26) : s;
      assertThat(Values.dateTime(s))
          .as(s)
          .isEqualTo(java.time.OffsetDateTime.parse(iso).toInstant());
    }
    for (String bad :
        List.of(
            "2023-02-29T00:00:00.000Z",
            "2024-13-01T00:00:00.000Z",
            "2024-01-01T24:00:00.000Z",
            "2024-01-01T00:60:00.000Z",
            "2024-01-01T00:00:00.00xZ",
            "2024-01-01X00:00:00.000Z")) {
      assertThatThrownBy(() -> Values.fromText(ValueKind.INSTANT, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("instant");
    }
  }

  @Test
  void textToCanonicalValues() {
    assertThat(Values.fromText(ValueKind.DECIMAL, "12.50")).isEqualTo(new BigDecimal("12.50"));
    assertThat(Values.fromText(ValueKind.LONG, "5")).isEqualTo(5L);
    assertThat(Values.fromText(ValueKind.LONG, "5.0")).isEqualTo(5L);
    assertThat(Values.fromText(ValueKind.BOOLEAN, "true")).isEqualTo(true);
    assertThat(Values.fromText(ValueKind.DATE, "2026-01-05")).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(Values.fromText(ValueKind.STRING, "")).isNull();
    assertThat(Values.fromText(ValueKind.DECIMAL, null)).isNull();
    assertThat(Values.fromJson(ValueKind.STRING, Map.of("city", "Oslo")))
        .isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(Values.fromJson(ValueKind.LONG, new BigDecimal("42"))).isEqualTo(42L);
  }

  @Test
  void valuesThatDoNotFitAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> Values.fromText(ValueKind.DATE, "secret-ish text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("date")
        .hasMessageNotContaining("secret-ish");
    assertThatThrownBy(() -> Values.fromText(ValueKind.LONG, "1.5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Values.fromJson(ValueKind.BOOLEAN, new BigDecimal("1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsTo18Characters() {
    assertThat(SalesforceIds.to18("001000000000001")).isEqualTo("001000000000001AAA");
    assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.to18("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.to18("001A0000006Vm9rAAA")).isNull();
    assertThat(SalesforceIds.to18("00'; DROP")).isNull();
  }

  @Test
  void theBudgetIsAFractionOfTheDailyLimitAndAFixedCap() {
    ApiBudget b = ApiBudget.defaultBudget();
    assertThat(b.maxCalls()).isEmpty();
    b.observe(new LimitInfo(100, 15_000));
    assertThat(b.maxCalls()).hasValue(1_500);
    ApiBudget capped = ApiBudget.of(0.5, 3);
    capped.observe(new LimitInfo(0, 1000));
    capped.beforeCall("a");
    capped.beforeCall("b");
    capped.beforeCall("c");
    assertThatThrownBy(() -> capped.beforeCall("GET /services/data/v65.0/query"))
        .isInstanceOf(ApiBudgetExhaustedException.class)
        .hasMessageContaining("3 of 3")
        .hasMessageContaining("GET /services/data/v65.0/query");
    assertThat(capped.callsMade()).isEqualTo(3);
  }

  @Test
  void retryWaitsAreFullJitterUnderAnExponentialCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2));
    assertThat(p.cap(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.cap(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.cap(5)).isEqualTo(Duration.ofMillis(1600));
    assertThat(p.cap(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.cap(60)).isEqualTo(Duration.ofSeconds(2));
    Random r = new Random(7);
    Duration min = Duration.ofDays(1);
    Duration max = Duration.ZERO;
    for (int i = 0; i < 1000; i++) {
      Duration d = p.delay(4, r);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(800));
      min = d.compareTo(min) < 0 ? d : min;
      max = d.compareTo(max) > 0 ? d : max;
    }
    assertThat(min).isLessThan(Duration.ofMillis(100));
    assertThat(max).isGreaterThan(Duration.ofMillis(700));
  }

  @Test
  void secretsAreMaskedInServerText() {
    Redactor r = new Redactor();
    r.add("00Dxx0000001gPL!AQ4AQFakeSessionValue");
    r.add("short"); // too short to be treated as a secret
    assertThat(r.redact("Session 00Dxx0000001gPL!AQ4AQFakeSessionValue is invalid, short"))
        .isEqualTo("Session (hidden) is invalid, short");
    assertThat(r.redact("x".repeat(500), 10)).hasSize(13);
  }
}
