package io.orgvault.simulator.soap;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import io.orgvault.simulator.Simulator;

/**
 * Salesforce's own Java client (force-wsc's PartnerConnection) pointed at a simulator: the service
 * endpoint and a session id, as after a login, and a TLS context trusting only the simulator.
 */
final class PartnerClients {
  static final String VERSION = "65.0";

  private PartnerClients() {}

  static PartnerConnection connect(Simulator sim) throws ConnectionException {
    return connect(sim, sim.issueToken(sim.org().integrationUserId()), true);
  }

  static PartnerConnection connect(Simulator sim, String sessionId, boolean compression)
      throws ConnectionException {
    ConnectorConfig config = new ConnectorConfig();
    config.setServiceEndpoint(sim.baseUrl() + "/services/Soap/u/" + VERSION);
    config.setSessionId(sessionId);
    config.setSslContext(sim.clientSslContext());
    config.setCompression(compression);
    return Connector.newConnection(config);
  }
}
