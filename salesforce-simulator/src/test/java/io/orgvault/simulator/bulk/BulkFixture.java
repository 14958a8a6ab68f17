package io.orgvault.simulator.bulk;

import io.orgvault.simulator.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the Bulk API job tests run against: an org of 2,000 contacts started once per test class and
 * a client with a token for its integration user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BulkFixture {
  Simulator sim;
  BulkClient client;

  @BeforeAll
  void startSimulator() throws Exception {
    sim = Simulator.builder().contacts(2000).port(0).start();
    client = new BulkClient(sim);
  }

  @AfterAll
  void stopSimulator() {
    sim.close();
  }
}
