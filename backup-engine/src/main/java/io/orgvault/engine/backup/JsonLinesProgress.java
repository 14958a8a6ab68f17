package io.orgvault.engine.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes progress events as JSON lines (one object per line, flushed) to a stream. */
public final class JsonLinesProgress implements ProgressSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out;

  public JsonLinesProgress(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void accept(ProgressEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", e.type());
    if (e.object() != null) {
      n.put("object", e.object());
    }
    n.put("rowsDone", e.rowsDone());
    n.put("rowsEstimated", e.rowsEstimated());
    n.put("bytes", e.bytes());
    n.put("apiCallsUsed", e.apiCallsUsed());
    n.put("timestamp", e.timestamp().toString());
    if (e.detail() != null) {
      n.put("detail", e.detail());
    }
    try {
      out.write((n.toString() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write a progress event", ex);
    }
  }
}
