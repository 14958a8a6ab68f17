package io.orgvault.simulator;

import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.ObjectTable;
import java.io.IOException;

/** The page at {@code /}: what this simulator is, its org and where its APIs are. */
final class LandingPage implements Handler {
  private final SimulatorContext ctx;

  LandingPage(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handle(Request request) throws IOException {
    StringBuilder rows = new StringBuilder();
    for (ObjectTable t : ctx.org().tables()) {
      rows.append("<tr><td>")
          .append(t.schema().name())
          .append("</td><td>")
          .append(t.size())
          .append("</td></tr>");
    }
    String html =
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <title>OrgVault Salesforce simulator</title></head><body>
        <h1>OrgVault Salesforce simulator</h1>
        <p><strong>An emulated org for tests and demos. Not Salesforce, not for production.</strong></p>
        <p>Org Id: <code>%s</code> &middot; instance URL: <code>%s</code></p>
        <p>APIs: <code>/services/oauth2/</code>, <code>/services/data/</code>,
        <code>/services/data/vNN.0/jobs/</code> (Bulk API 2.0), <code>/services/Soap/u/NN.0</code></p>
        <table><tr><th>Object</th><th>Rows</th></tr>%s</table>
        </body></html>
        """
            .formatted(ctx.org().orgId(), ctx.instanceUrl(), rows);
    Responses.text(request.exchange(), 200, "text/html;charset=UTF-8", html);
  }
}
