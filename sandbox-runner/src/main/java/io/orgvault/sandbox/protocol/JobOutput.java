package io.orgvault.sandbox.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The sandbox's side of stdout: one JSON object per line, flushed. The engine's progress events are
 * written to the same stream between {@code job-started} and the closing {@code job-result} or
 * {@code job-failed}. Error texts pass through {@link #scrub} with the job's secrets first.
 */
public final class JobOutput {
  public static final String STARTED = "job-started";
  public static final String RESULT = "job-result";
  public static final String FAILED = "job-failed";
  public static final String REDACTED = "[redacted]";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private volatile List<String> secrets = List.of();

  public JobOutput(PrintStream out) {
    this.out = out;
  }

  /** The stream the engine's progress events go to. */
  public PrintStream stream() {
    return out;
  }

  /** Secrets to remove from every error text written from now on. */
  public void scrubbing(List<String> forms) {
    secrets = List.copyOf(forms);
  }

  public ObjectNode newMessage(String type) {
    return JSON.createObjectNode().put("type", type).put("timestamp", Instant.now().toString());
  }

  public void started(JobSpec spec) {
    write(newMessage(STARTED).put("kind", spec.kind().wireName()).put("tenant", spec.tenant()));
  }

  /** The result of the job; {@code result} holds the kind's fields. */
  public void result(JobKind kind, ObjectNode result, int exitCode) {
    ObjectNode n = newMessage(RESULT).put("kind", kind.wireName()).put("exitCode", exitCode);
    n.set("result", result);
    write(n);
  }

  /** The job failed: {@code error} is a short code or the exception's type. */
  public void failed(String error, String message, int exitCode) {
    write(
        newMessage(FAILED)
            .put("error", error)
            .put("message", scrub(message))
            .put("exitCode", exitCode));
  }

  public synchronized void write(ObjectNode message) {
    out.println(message);
    out.flush();
  }

  /** {@code text} with every secret form replaced by {@value #REDACTED}. */
  public String scrub(String text) {
    return scrub(text, secrets);
  }

  public static String scrub(String text, List<String> forms) {
    if (text == null) {
      return "";
    }
    String s = text;
    for (String f : forms) {
      if (!f.isEmpty()) {
        s = s.replace(f, REDACTED);
      }
    }
    return s;
  }
}
