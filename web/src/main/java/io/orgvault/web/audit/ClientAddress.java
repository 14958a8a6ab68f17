package io.orgvault.web.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address for the audit log: the connection's peer, or, when that peer is a trusted
 * reverse proxy, the nearest address in {@code X-Forwarded-For} that is not one. A header from
 * anyone else is ignored: a client could write any address there.
 */
@ApplicationScoped
public class ClientAddress {
  private final List<Block> trusted;

  @Inject
  ClientAddress(AuditSettings settings) {
    this(settings.trustedProxies().orElse(List.of()));
  }

  ClientAddress(List<String> trustedProxies) {
    List<Block> blocks = new ArrayList<>();
    for (String p : trustedProxies) {
      blocks.add(Block.parse(p.trim()));
    }
    this.trusted = List.copyOf(blocks);
  }

  /** The client's address; {@code peer} is the connection's remote address (an IP literal). */
  public String of(String peer, String forwardedFor) {
    if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      Optional<InetAddress> a = literal(hop);
      if (a.isEmpty()) {
        return peer; // a malformed hop: believe nothing beyond the proxy
      }
      if (!isTrusted(hop)) {
        return a.get().getHostAddress();
      }
    }
    return peer;
  }

  private boolean isTrusted(String ip) {
    Optional<InetAddress> a = literal(ip);
    return a.isPresent() && trusted.stream().anyMatch(b -> b.contains(a.get()));
  }

  /** An IP literal only: never a name lookup. */
  static Optional<InetAddress> literal(String s) {
    if (s.isEmpty() || s.length() > 45 || !s.chars().allMatch(ClientAddress::literalChar)) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean literalChar(int c) {
    return Character.digit(c, 16) >= 0 || c == '.' || c == ':';
  }

  private record Block(byte[] network, int bits) {
    static Block parse(String text) {
      int slash = text.indexOf('/');
      String ip = slash < 0 ? text : text.substring(0, slash);
      byte[] addr =
          literal(ip)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "orgvault.audit.trusted-proxies: not an IP address or CIDR block: "
                              + text))
              .getAddress();
      int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (bits < 0 || bits > addr.length * 8) {
        throw new IllegalArgumentException("orgvault.audit.trusted-proxies: bad prefix: " + text);
      }
      return new Block(addr, bits);
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int shift = network.length * 8 - bits;
      return new BigInteger(1, b)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
