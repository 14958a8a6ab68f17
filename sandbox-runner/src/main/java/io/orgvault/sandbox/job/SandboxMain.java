package io.orgvault.sandbox.job;

import io.orgvault.sandbox.egress.LoopbackForwarder;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobOutput;
import io.orgvault.sandbox.protocol.JobRequest;
import io.orgvault.sandbox.protocol.ProtocolException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The program inside a tenant sandbox: reads one {@link JobRequest} from stdin, runs that one
 * engine job for that one tenant, and writes {@code job-started}, the engine's progress events and
 * then {@code job-result} or {@code job-failed} as JSON lines on stdout. The exit code is one of
 * {@link ExitCodes}. Secrets arrive on stdin only; nothing here reads argv or the environment.
 */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) {
    // Never looks at args: a job takes everything from stdin.
    System.exit(run(System.in, System.out));
  }

  /** Runs one job; returns the exit code. */
  public static int run(InputStream stdin, PrintStream out) {
    InputStream in = new java.io.BufferedInputStream(stdin);
    JobOutput output = new JobOutput(out);
    JobRequest request;
    try {
      request = JobRequest.read(in);
    } catch (ProtocolException e) {
      output.failed("bad-request", e.getMessage(), ExitCodes.BAD_REQUEST);
      return ExitCodes.BAD_REQUEST;
    }
    output.scrubbing(request.secrets().scrubForms());
    output.started(request.spec());
    LoopbackForwarder forwarder = null;
    try {
      InetSocketAddress proxy = null;
      if (request.spec().egressSocket() != null) {
        forwarder = LoopbackForwarder.start(Path.of(request.spec().egressSocket()));
        proxy = forwarder.address();
      }
      return new JobRunner(request, proxy, output, in).run();
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      output.failed(e.getClass().getSimpleName(), e.getMessage(), ExitCodes.FAILED);
      return ExitCodes.FAILED;
    } finally {
      request.secrets().clear();
      if (forwarder != null) {
        try {
          forwarder.close();
        } catch (java.io.IOException e) {
          // the process ends next
        }
      }
    }
  }
}
