package io.orgvault.sandbox.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's HTTP {@code CONNECT} proxy for one tenant job, listening on a Unix socket that is
 * bind-mounted into that job's sandbox, the sandbox's only way out. It admits a tunnel only to a
 * host and port on the tenant's allowlist (exact, case-insensitive host names: the org's login and
 * instance hosts), answers everything else with 403 (405 for other methods), and reports every
 * request to an {@link EgressLog} (a refusal before its answer). Tunnels carry the client's TLS end
 * to end; the proxy sees only the destination and the byte counts.
 */
public final class EgressProxy implements AutoCloseable {
  /** The longest request head (request line and headers) read before a CONNECT is judged. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  /** How long a destination has to accept the TCP connection. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  static final int BUFFER_BYTES = 16 * 1024;

  /**
   * Connections one job's proxy serves at once (two host threads each); more are answered 503, so a
   * sandbox cannot exhaust the host's threads.
   */
  public static final int MAX_CONNECTIONS = 64;

  private static final Pattern CONNECT =
      Pattern.compile("CONNECT (\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5}) HTTP/1\\.[01]");

  private final ServerSocketChannel server;
  private final Path socket;
  private final String tenant;
  private final Set<HostPort> allowlist;
  private final EgressLog log;
  private final ExecutorService workers;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

  private EgressProxy(
      ServerSocketChannel server,
      Path socket,
      String tenant,
      Set<HostPort> allowlist,
      EgressLog log) {
    this.server = server;
    this.socket = socket;
    this.tenant = tenant;
    this.allowlist = Set.copyOf(allowlist);
    this.log = log;
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "egress-" + tenant);
              t.setDaemon(true);
              return t;
            });
  }

  /** Listens on a new Unix socket at {@code socket} (which must not exist). */
  public static EgressProxy start(
      Path socket, String tenant, Set<HostPort> allowlist, EgressLog log) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    EgressProxy p = new EgressProxy(s, socket, tenant, allowlist, log);
    p.workers.execute(p::acceptLoop);
    return p;
  }

  public Path socket() {
    return socket;
  }

  public Set<HostPort> allowlist() {
    return allowlist;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      SocketChannel c;
      try {
        c = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (!slots.tryAcquire()) {
        try (c) {
          log.connection(new EgressRecord(tenant, "", 0, false, 503, 0, 0));
          answer(c, 503, "Service Unavailable");
        } catch (IOException e) {
          // the client went away
        }
        continue;
      }
      workers.execute(
          () -> {
            try {
              serve(c);
            } finally {
              slots.release();
            }
          });
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
      int end = -1;
      while (end < 0) {
        if (!head.hasRemaining() || client.read(head) < 0) {
          log.connection(new EgressRecord(tenant, "", 0, false, 400, 0, 0));
          answer(client, 400, "Bad Request");
          return;
        }
        end = headEnd(head);
      }
      String requestLine = firstLine(head);
      Matcher m = CONNECT.matcher(requestLine);
      if (!m.matches()) {
        int status = requestLine.startsWith("CONNECT ") ? 400 : 405;
        log.connection(new EgressRecord(tenant, "", 0, false, status, 0, 0));
        answer(client, status, status == 400 ? "Bad Request" : "Method Not Allowed");
        return;
      }
      int port = Integer.parseInt(m.group(2));
      HostPort to;
      try {
        to = new HostPort(m.group(1), port);
      } catch (IllegalArgumentException e) {
        log.connection(new EgressRecord(tenant, m.group(1), port, false, 400, 0, 0));
        answer(client, 400, "Bad Request");
        return;
      }
      if (!allowlist.contains(to)) {
        log.connection(new EgressRecord(tenant, to.host(), to.port(), false, 403, 0, 0));
        answer(client, 403, "Forbidden");
        return;
      }
      tunnel(client, to, head, end);
    } catch (IOException e) {
      // the sandbox side went away before an answer
    }
  }

  private void tunnel(SocketChannel client, HostPort to, ByteBuffer head, int end)
      throws IOException {
    Socket destination = new Socket();
    try (destination) {
      try {
        destination.connect(new InetSocketAddress(to.host(), to.port()), CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        log.connection(new EgressRecord(tenant, to.host(), to.port(), true, 502, 0, 0));
        answer(client, 502, "Bad Gateway");
        return;
      }
      answer(client, 200, "Connection Established");
      AtomicLong sent = new AtomicLong();
      AtomicLong received = new AtomicLong();
      OutputStream toDestination = destination.getOutputStream();
      // Bytes the client sent after the head already belong to the tunnel.
      int extra = head.position() - end;
      if (extra > 0) {
        toDestination.write(head.array(), end, extra);
        sent.addAndGet(extra);
      }
      Thread back =
          new Thread(
              () -> destinationToClient(destination, client, received), "egress-" + tenant + "-in");
      back.setDaemon(true);
      back.start();
      clientToDestination(client, destination, sent);
      // TLS ends with its own close_notify: once one side is done the tunnel is, and closing the
      // destination ends the other direction.
      destination.close();
      try {
        back.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.connection(
          new EgressRecord(tenant, to.host(), to.port(), true, 200, sent.get(), received.get()));
    }
  }

  private static void clientToDestination(SocketChannel client, Socket dest, AtomicLong count) {
    ByteBuffer b = ByteBuffer.allocate(BUFFER_BYTES);
    try {
      OutputStream out = dest.getOutputStream();
      int n;
      while ((n = client.read(b)) >= 0) {
        out.write(b.array(), 0, n);
        out.flush();
        count.addAndGet(n);
        b.clear();
      }
    } catch (IOException e) {
      // either side closed
    }
  }

  private static void destinationToClient(Socket dest, SocketChannel client, AtomicLong count) {
    byte[] buf = new byte[BUFFER_BYTES];
    try {
      InputStream in = dest.getInputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          client.write(b);
        }
        count.addAndGet(n);
      }
    } catch (IOException e) {
      // either side closed
    }
    try {
      client.close(); // ends the client-to-destination direction too
    } catch (IOException e) {
      // already closed
    }
  }

  /** The index just past the blank line ending the head, or -1 while it is incomplete. */
  private static int headEnd(ByteBuffer head) {
    byte[] a = head.array();
    for (int i = 3; i < head.position(); i++) {
      if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static String firstLine(ByteBuffer head) {
    String s = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
    int eol = s.indexOf("\r\n");
    return eol < 0 ? s : s.substring(0, eol);
  }

  private static void answer(SocketChannel c, int status, String reason) throws IOException {
    ByteBuffer b =
        ByteBuffer.wrap(
            ("HTTP/1.1 "
                    + status
                    + " "
                    + reason
                    // a 2xx answer to CONNECT has no body headers: the tunnel follows
                    + (status == 200 ? "" : "\r\nContent-Length: 0\r\nConnection: close")
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    workers.shutdownNow();
    Files.deleteIfExists(socket);
  }
}
