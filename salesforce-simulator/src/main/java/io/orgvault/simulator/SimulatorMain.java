package io.orgvault.simulator;

import io.orgvault.simulator.org.OrgSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a simulator standalone: {@code java -jar salesforce-simulator.jar --port 8443 --size 10000}.
 */
@Command(
    name = "salesforce-simulator",
    mixinStandardHelpOptions = true,
    description = "An emulated Salesforce org over HTTPS, for tests, benchmarks and demos.")
public final class SimulatorMain implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 8443;

  @Option(
      names = "--size",
      description =
          "Contacts in the generated org; other objects scale with it (default: ${DEFAULT-VALUE}).")
  int size = 10_000;

  @Option(names = "--seed", description = "Seed of the generated org (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--http", description = "Serve plain HTTP instead of HTTPS.")
  boolean plainHttp;

  @Option(
      names = "--daily-api-limit",
      description = "Daily API request allocation (default: ${DEFAULT-VALUE}).")
  long dailyApiLimit = 1_000_000;

  @Option(
      names = "--cert-out",
      description = "Write the server certificate (PEM) here, for clients to trust.")
  Path certOut;

  @Option(
      names = "--stdin-control",
      description =
          "Benchmarks only: read commands (day, token, quit) from standard input; see StdinControl.")
  boolean stdinControl;

  @Option(names = "--callback-url", description = "An allowed OAuth callback URL (repeatable).")
  java.util.List<String> callbackUrls = new java.util.ArrayList<>();

  @Option(
      names = "--consumer-key",
      description = "The connected app's consumer key (default: the simulator's own).")
  String consumerKey;

  @Option(
      names = "--jwt-certificate",
      description =
          "A PEM certificate file the connected app checks JWT bearer assertions against; read"
              + " again whenever it changes (it may appear after the start), as when an admin"
              + " uploads a certificate in Setup.")
  Path jwtCertificate;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Simulator.Builder b =
        Simulator.builder()
            .host(host)
            .port(port)
            .seed(seed)
            .size(new OrgSize(size))
            .clockStart(Instant.now())
            .followWallClock(true)
            .dailyApiLimit(dailyApiLimit);
    callbackUrls.forEach(b::callbackUrl);
    if (consumerKey != null) {
      b.consumerKey(consumerKey);
    }
    if (plainHttp) {
      b.plainHttp();
    }
    Simulator sim = b.start();
    long rows = new OrgSize(size).totalRows();
    System.out.printf(
        "OrgVault Salesforce simulator — an emulated org for tests and demos, NOT Salesforce and not for production.%n"
            + "  URL:          %s%n  org Id:       %s%n  rows:         %,d (seed %d, generated in %d ms)%n"
            + "  consumer key: %s%n  API user:     %s%n"
            + "  OAuth:        %s/services/oauth2/authorize (web-server flow; PKCE lets a public client"
            + " skip the secret); callback URLs %s; every simulated user signs in with the demo"
            + " password shown on the login page%n",
        sim.baseUrl(),
        sim.org().orgId(),
        rows,
        seed,
        (System.nanoTime() - t0) / 1_000_000,
        sim.connectedApp().consumerKey(),
        sim.org().username(sim.org().integrationUserId()),
        sim.baseUrl(),
        sim.connectedApp().callbackUrls());
    if (certOut != null && sim.certificate() != null) {
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(sim.certificate().getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      Files.writeString(certOut, pem);
      System.out.println("  certificate:  " + certOut.toAbsolutePath());
    }
    if (jwtCertificate != null) {
      io.orgvault.simulator.oauth.CertificateFileWatch.start(jwtCertificate, sim.connectedApp());
      System.out.println("  JWT bearer:   certificate from " + jwtCertificate.toAbsolutePath());
    }
    if (stdinControl) {
      System.out.println("  control:      stdin (day, token, quit)");
      System.out.flush();
      try {
        new StdinControl(sim)
            .run(
                new java.io.BufferedReader(
                    new java.io.InputStreamReader(
                        System.in, java.nio.charset.StandardCharsets.UTF_8)),
                System.out);
      } finally {
        sim.close();
      }
      return 0;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }
}
