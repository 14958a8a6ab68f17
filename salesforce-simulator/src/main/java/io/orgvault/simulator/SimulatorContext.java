package io.orgvault.simulator;

import io.orgvault.simulator.auth.AccessTokens;
import io.orgvault.simulator.fault.Faults;
import io.orgvault.simulator.limits.ApiLimits;
import io.orgvault.simulator.oauth.ConnectedApp;
import io.orgvault.simulator.org.Org;
import java.net.URI;
import java.util.function.Supplier;

/**
 * What every API handler of one simulator shares: the org, the issued tokens, the limits, the fault
 * switch, the connected app and the simulator's own base URL (its {@code instance_url}).
 */
public record SimulatorContext(
    Org org,
    AccessTokens tokens,
    ApiLimits limits,
    Faults faults,
    ConnectedApp connectedApp,
    Supplier<URI> baseUrl) {

  /** The {@code instance_url}: the simulator's base URL without a trailing slash. */
  public String instanceUrl() {
    String s = baseUrl.get().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
