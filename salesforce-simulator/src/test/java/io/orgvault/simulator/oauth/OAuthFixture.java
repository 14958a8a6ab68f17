package io.orgvault.simulator.oauth;

import io.orgvault.simulator.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the OAuth tests run against: a simulator started once per test class and a browser-like
 * client for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OAuthFixture {
  Simulator sim;
  OAuthTestClient client;

  /**
   * The simulator to start (see {@link OAuthTestClient#simulator()}); a test class may add to it.
   */
  Simulator.Builder simulator() throws Exception {
    return OAuthTestClient.simulator();
  }

  @BeforeAll
  void startSimulator() throws Exception {
    sim = simulator().start();
    client = new OAuthTestClient(sim);
  }

  @AfterAll
  void stopSimulator() {
    sim.close();
  }
}
