package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Inside a query sandbox: answers one request per stdin line with one stdout line, on the store it
 * opened once, until stdin ends. The requests ({@link #OPS}, module README) are answered by the
 * engine's compare and browse API ({@link StoreQueries}). A bad request gets a {@code query-failed}
 * answer with a typed {@code error} and the server goes on.
 */
public final class QueryServer {
  public static final String READY = "query-ready";
  public static final String RESULT = "query-result";
  public static final String FAILED = "query-failed";

  /** {@code error} of a query the server cannot answer as asked. */
  public static final String BAD_QUERY = "bad-query";

  /** {@code error} of a cursor this store did not seal for this listing or comparison. */
  public static final String INVALID_CURSOR = "invalid-cursor";

  /** {@code error} of an answer that would be longer than a line may be. */
  public static final String TOO_LARGE = "too-large";

  /** The operations, as the README's protocol table lists them. */
  static final java.util.List<String> OPS =
      java.util.List.of(
          "backups",
          "objects",
          "schema",
          "get",
          "browse",
          "history",
          "as-of",
          "related",
          "compare-summary",
          "compare");

  /** The longest request line. */
  static final int MAX_QUERY_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordStore store;
  private final StoreQueries queries;
  private final InputStream in;
  private final JobOutput out;

  public QueryServer(RecordStore store, InputStream in, JobOutput out) {
    this.store = store;
    this.queries = new StoreQueries(store);
    this.in = in;
    this.out = out;
  }

  /** Serves until stdin ends; returns the exit code. */
  public int serve() throws IOException {
    out.write(out.newMessage(READY).put("backups", store.backups().size()));
    byte[] line;
    while ((line = readLine()) != null) {
      if (line.length == 0) {
        continue;
      }
      JsonNode request;
      try {
        request = JSON.readTree(line);
      } catch (IOException e) {
        failed(null, BAD_QUERY, "a query is one JSON object per line");
        continue;
      }
      JsonNode id = request == null ? null : request.get("id");
      try {
        ObjectNode result = answer(request);
        if (result.toString().length() > StoreQueries.MAX_ANSWER_CHARS) {
          throw new AnswerTooLargeException(
              "the answer is longer than " + StoreQueries.MAX_ANSWER_CHARS + " characters");
        }
        ObjectNode msg = out.newMessage(RESULT);
        msg.set("id", id);
        msg.set("result", result);
        out.write(msg);
      } catch (QueryException e) {
        failed(id, BAD_QUERY, e.getMessage());
      } catch (InvalidCursorException e) {
        // The engine's message names what is wrong and never echoes the cursor.
        failed(id, INVALID_CURSOR, e.getMessage());
      } catch (AnswerTooLargeException e) {
        failed(id, TOO_LARGE, e.getMessage());
      } catch (IllegalArgumentException e) {
        // The engine's compare and browse API report bad input (unknown object, field, backup
        // pair, short search text) as IllegalArgumentException.
        failed(id, BAD_QUERY, e.getMessage());
      } catch (RuntimeException e) {
        failed(id, e.getClass().getSimpleName(), e.getMessage());
      }
    }
    return ExitCodes.OK;
  }

  private void failed(JsonNode id, String error, String message) {
    ObjectNode msg = out.newMessage(FAILED);
    msg.set("id", id);
    msg.put("error", error).put("message", out.scrub(message));
    out.write(msg);
  }

  /** One line, without its newline; null at the end of stdin. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (b.size() >= MAX_QUERY_BYTES) {
        // Too long: skip to its end and answer it as malformed.
        while ((c = in.read()) >= 0 && c != '\n') {
          // discard
        }
        return "{}".getBytes(StandardCharsets.US_ASCII);
      }
      b.write(c);
    }
    if (c < 0 && b.size() == 0) {
      return null;
    }
    return b.toByteArray();
  }

  private ObjectNode answer(JsonNode r) {
    if (r == null || !r.isObject()) {
      throw new QueryException("a query is a JSON object");
    }
    String op = StoreQueries.text(r, "op");
    return switch (op) {
      case "backups" -> queries.backups();
      case "objects" -> queries.objects(r);
      case "schema" -> queries.schema(r);
      case "get" -> queries.get(r);
      case "browse" -> queries.browse(r);
      case "history" -> queries.history(r);
      case "as-of" -> queries.asOf(r);
      case "related" -> queries.related(r);
      case "compare-summary" -> queries.compareSummary(r);
      case "compare" -> queries.comparePage(r);
      default -> throw new QueryException("unknown op (" + String.join(", ", OPS) + ")");
    };
  }

  /** A request this server cannot answer as asked. */
  static final class QueryException extends RuntimeException {
    QueryException(String message) {
      super(message);
    }
  }

  /** An answer that would be longer than {@link StoreQueries#MAX_ANSWER_CHARS}. */
  static final class AnswerTooLargeException extends RuntimeException {
    AnswerTooLargeException(String message) {
      super(message);
    }
  }
}
