package io.orgvault.simulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiVersions;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;

/**
 * The discovery resources: {@code /services/data/} lists the versions (no authentication), and
 * {@code /services/data/vNN.0/} maps resource names to their URLs.
 */
final class ApiIndex {
  /** The resources this simulator serves, in the order Salesforce tends to list them. */
  private static final String[][] RESOURCES = {
    {"limits", "/limits"},
    {"query", "/query"},
    {"queryAll", "/queryAll"},
    {"jobs", "/jobs"},
    {"composite", "/composite"},
    {"sobjects", "/sobjects"},
  };

  private final SimulatorContext ctx;

  ApiIndex(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  void versions(Request request) throws IOException {
    HttpMethods.require(request, "GET");
    ArrayNode list = Responses.JSON.createArrayNode();
    for (int v = ApiVersions.OLDEST; v <= ApiVersions.LATEST; v++) {
      ObjectNode e = list.addObject();
      e.put("label", ApiVersions.label(v));
      e.put("url", ResourcePath.baseOf(v));
      e.put("version", v + ".0");
    }
    Responses.json(request.exchange(), 200, list);
  }

  void resources(Request request, ResourcePath path) throws IOException {
    HttpMethods.require(request, "GET");
    ObjectNode map = Responses.JSON.createObjectNode();
    for (String[] r : RESOURCES) {
      map.put(r[0], path.base() + r[1]);
    }
    map.put(
        "identity",
        ctx.instanceUrl() + "/id/" + ctx.org().orgId() + "/" + request.session().userId());
    Responses.json(request.exchange(), 200, map);
  }
}
