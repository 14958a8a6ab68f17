package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.ResourceLimits;
import io.orgvault.sandbox.launch.SandboxCommand;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.SandboxProcess;
import io.orgvault.sandbox.launch.SandboxResult;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's handle on one tenant's query sandbox: a sandbox running {@link QueryServer} on the
 * tenant's store, opened once with the released data key, answering many requests. Requests carry
 * an id; answers are matched to them, so several callers may ask at once.
 */
public final class QuerySandbox implements AutoCloseable {
  /** How long the sandbox has to start its JVM and open the store. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile long lastUsedNanos = System.nanoTime();
  private SandboxProcess process;

  private QuerySandbox(String tenant) {
    this.tenant = tenant;
  }

  /** Starts the sandbox and waits until its store is open. */
  public static QuerySandbox start(
      SandboxLauncher launcher, TenantSandbox tenant, JobRequest open, ResourceLimits limits)
      throws InterruptedException {
    if (open.spec().kind() != JobKind.QUERY) {
      throw new IllegalArgumentException("a query sandbox opens with a query request");
    }
    QuerySandbox q = new QuerySandbox(tenant.tenant());
    JobRequest inside =
        new JobRequest(open.spec().withVolume(SandboxLauncher.VOLUME), open.secrets());
    q.process =
        launcher.startInteractive(
            tenant,
            SandboxCommand.job(),
            inside.toJson(),
            open.secrets().scrubForms(),
            q::onLine,
            limits);
    q.process.handle().onExit().thenRun(q::failPending);
    try {
      q.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      q.process.kill();
      SandboxResult r = q.process.await();
      throw new IllegalStateException(
          "the query sandbox of "
              + tenant.tenant()
              + " did not start ("
              + r.outcome()
              + ", exit "
              + r.exitCode()
              + "): "
              + String.join(" ", r.stdout())
              + " "
              + r.stderr().strip());
    }
    return q;
  }

  private void onLine(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      return;
    }
    String type = n.path("type").asText();
    if (type.equals(QueryServer.READY)) {
      ready.complete(n);
      return;
    }
    if (type.equals("job-failed")) {
      ready.completeExceptionally(new IllegalStateException(n.path("message").asText()));
      return;
    }
    JsonNode id = n.get("id");
    if (id != null && id.canConvertToLong()) {
      CompletableFuture<JsonNode> f = pending.remove(id.longValue());
      if (f != null) {
        f.complete(n);
      }
    }
  }

  private void failPending() {
    ready.completeExceptionally(new IllegalStateException("the query sandbox ended"));
    pending
        .values()
        .forEach(
            f -> f.completeExceptionally(new IllegalStateException("the query sandbox ended")));
    pending.clear();
  }

  /**
   * Sends {@code query} (its {@code id} is set here) and returns the answer: a {@code query-result}
   * or {@code query-failed} message.
   */
  public JsonNode ask(ObjectNode query, Duration timeout)
      throws InterruptedException, TimeoutException {
    lastUsedNanos = System.nanoTime();
    long id = ids.incrementAndGet();
    ObjectNode q = query.deepCopy().put("id", id);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      process.send((q + "\n").getBytes(StandardCharsets.UTF_8));
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("the query sandbox of " + tenant + " is gone", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pending.remove(id);
      lastUsedNanos = System.nanoTime();
    }
  }

  public boolean isAlive() {
    return process.handle().isAlive();
  }

  /** Time since the last request was answered. */
  public Duration idle() {
    return Duration.ofNanos(System.nanoTime() - lastUsedNanos);
  }

  /** The sandbox's host process (bubblewrap). */
  public ProcessHandle handle() {
    return process.handle();
  }

  /** Ends stdin, so the server exits, and waits for it; kills it if it does not. */
  @Override
  public void close() throws InterruptedException {
    process.closeStdin();
    try {
      process.handle().onExit().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.kill();
    }
    process.await();
  }
}
