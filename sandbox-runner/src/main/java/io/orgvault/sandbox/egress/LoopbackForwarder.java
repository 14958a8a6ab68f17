package io.orgvault.sandbox.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Inside the sandbox: a TCP listener on 127.0.0.1 of the sandbox's own network namespace whose
 * every connection is piped, byte for byte, to the host's egress proxy over its Unix socket. The
 * engine's HTTP clients use this listener as their HTTP proxy, so their {@code CONNECT} requests
 * reach the egress proxy unchanged and TLS stays end to end. It decides nothing: the proxy admits
 * or refuses each tunnel.
 */
public final class LoopbackForwarder implements AutoCloseable {
  /** Copy buffer per direction. */
  static final int BUFFER_BYTES = 16 * 1024;

  /** Connections waiting to be accepted. */
  private static final int BACKLOG = 50;

  private final ServerSocket listener;
  private final Path socket;
  private final ExecutorService pipes;
  private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LoopbackForwarder(ServerSocket listener, Path socket) {
    this.listener = listener;
    this.socket = socket;
    this.pipes =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "egress-forwarder");
              t.setDaemon(true);
              return t;
            });
  }

  /** Listens on an ephemeral port of 127.0.0.1 and forwards to the proxy at {@code socket}. */
  public static LoopbackForwarder start(Path socket) throws IOException {
    ServerSocket s = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
    LoopbackForwarder f = new LoopbackForwarder(s, socket);
    f.pipes.execute(f::acceptLoop);
    return f;
  }

  /** The address to give HTTP clients as their proxy. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      pipes.execute(() -> forward(client));
    }
  }

  private void forward(Socket client) {
    open.add(client);
    try (client;
        SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      upstream.connect(UnixDomainSocketAddress.of(socket));
      // A SocketChannel takes one reader and one writer at once: no stream adapters, whose locks
      // would serialize the two directions.
      Thread back = new Thread(() -> upstreamToClient(upstream, client), "egress-forwarder-back");
      back.setDaemon(true);
      back.start();
      clientToUpstream(client, upstream);
      upstream.close(); // one side done: the tunnel is (TLS closes with close_notify)
      back.join();
    } catch (IOException e) {
      // the proxy is unreachable: the client sees its connection closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(client);
    }
  }

  private static void clientToUpstream(Socket client, SocketChannel upstream) {
    byte[] buf = new byte[BUFFER_BYTES];
    try {
      InputStream in = client.getInputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          upstream.write(b);
        }
      }
    } catch (IOException e) {
      // either side closed
    }
  }

  private static void upstreamToClient(SocketChannel upstream, Socket client) {
    ByteBuffer b = ByteBuffer.allocate(BUFFER_BYTES);
    try {
      OutputStream out = client.getOutputStream();
      while (upstream.read(b) >= 0) {
        out.write(b.array(), 0, b.position());
        out.flush();
        b.clear();
      }
    } catch (IOException e) {
      // either side closed
    }
    try {
      client.close(); // ends the client-to-upstream direction too
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close(); // ends both directions of its tunnel
    }
    pipes.shutdownNow();
  }
}
