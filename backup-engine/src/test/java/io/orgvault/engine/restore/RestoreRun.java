package io.orgvault.engine.restore;

import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.RetryPolicy;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Plans and runs restores into the fixture's simulated org. */
final class RestoreRun {
  private RestoreRun() {}

  static ClientOptions.Builder options() {
    return ClientOptions.builder()
        .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 5)))
        .random(new java.util.Random(1))
        .retryPolicy(new RetryPolicy(25, Duration.ofMillis(100), Duration.ofSeconds(5)))
        .bulkPolling(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMinutes(5))
        .budgetFraction(1.0);
  }

  static SalesforceClient client(SimBackups fx, ClientOptions options) {
    String token = fx.sim.issueToken(fx.sim.org().integrationUserId());
    return SalesforceClient.connect(
        TokenSource.fixed(token, fx.sim.baseUrl()),
        TrustStores.trusting(fx.sim.trustStore()),
        options);
  }

  static RestorePlan plan(SimBackups fx, RestoreSelection s, RestoreOptions o) {
    try (RecordStore store = fx.openStore()) {
      return new RestorePlanner(store, fx.client(), fx.sim.org().orgId(), Clock.systemUTC())
          .planAndSave(s, o);
    }
  }

  static RestoreReport run(SimBackups fx, String restoreId) {
    return run(fx, restoreId, fx.client());
  }

  static RestoreReport run(SimBackups fx, String restoreId, SalesforceClient client) {
    try (RecordStore store = fx.openStore()) {
      return new RestoreExecution(store, client, RestoreProgress.discard()).run(restoreId);
    }
  }

  /** Backed-up Id to the Id the run left the record with. */
  static Map<String, String> targetIds(RestoreReport r) {
    Map<String, String> out = new HashMap<>();
    r.results().forEach(x -> out.put(x.sourceId(), x.targetId()));
    return out;
  }
}
