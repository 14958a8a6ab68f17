package io.orgvault.simulator.rest;

import io.orgvault.simulator.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the REST tests run against: a simulator started once per test class and a REST client with a
 * token for the org's integration user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestFixture {
  Simulator sim;
  RestClient rest;

  /** The simulator to start: an org of 500 contacts on a free port; a test class may add to it. */
  Simulator.Builder simulator() {
    return Simulator.builder().contacts(500).port(0);
  }

  @BeforeAll
  void startSimulator() throws Exception {
    sim = simulator().start();
    rest = RestClient.integrationUser(sim);
  }

  @AfterAll
  void stopSimulator() {
    sim.close();
  }
}
