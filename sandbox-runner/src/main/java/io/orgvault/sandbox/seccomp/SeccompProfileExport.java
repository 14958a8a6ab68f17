package io.orgvault.sandbox.seccomp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link SeccompFilter}'s policy as a seccomp profile in the JSON format container runtimes read
 * (Docker/OCI; Kubernetes {@code seccompProfile: {type: Localhost}} hands the file to containerd or
 * CRI-O), so a sandbox pod gets the same denials as a bubblewrap sandbox. Written from the filter's
 * own list and constants; {@code deploy/kubernetes/seccomp/orgvault-sandbox.json} is this output,
 * and a test fails when the two differ.
 *
 * <p>Where the formats differ: the BPF filter kills a foreign architecture and fails x32 numbers
 * with EPERM itself; the profile lists each machine's native ABI only ({@code archMap} without
 * sub-architectures), so the runtime's libseccomp applies its bad-architecture action to those
 * instead. "clone with any namespace flag" has no single libseccomp comparison (there is no
 * masked-not-equal), so it is one rule per flag: {@code (flags & F) == F}.
 *
 * <p>Run: {@code java -cp ... io.orgvault.sandbox.seccomp.SeccompProfileExport [file]} (stdout when
 * no file is given).
 */
public final class SeccompProfileExport {
  /** Where the generated profile is committed, relative to the repository root. */
  public static final String COMMITTED_PATH = "deploy/kubernetes/seccomp/orgvault-sandbox.json";

  static final String ACT_ALLOW = "SCMP_ACT_ALLOW";
  static final String ACT_ERRNO = "SCMP_ACT_ERRNO";
  static final String CMP_MASKED_EQ = "SCMP_CMP_MASKED_EQ";

  /**
   * libseccomp compares all 64 bits of an argument, the kernel reads an {@code int} argument's low
   * 32 only: an exact comparison ({@code SCMP_CMP_EQ 17}) would miss {@code 0x1_00000011}, which
   * the kernel still takes as AF_PACKET. So integer arguments are compared under this mask, as the
   * BPF filter compares the low word.
   */
  static final long INT_ARGUMENT_MASK = 0xffffffffL;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SeccompProfileExport() {}

  /** The libseccomp name of a machine. */
  static String scmpArch(Architecture arch) {
    return switch (arch) {
      case X86_64 -> "SCMP_ARCH_X86_64";
      case AARCH64 -> "SCMP_ARCH_AARCH64";
    };
  }

  /** The profile as a JSON tree. */
  public static ObjectNode profile() {
    ObjectNode p = JSON.createObjectNode();
    p.put("defaultAction", ACT_ALLOW);
    ArrayNode archMap = p.putArray("archMap");
    for (Architecture arch : Architecture.values()) {
      ObjectNode a = archMap.addObject();
      a.put("architecture", scmpArch(arch));
      a.putArray("subArchitectures");
    }
    ArrayNode rules = p.putArray("syscalls");

    ObjectNode denied = errno(rules, SeccompFilter.EPERM);
    SeccompFilter.DENIED.forEach(denied.withArray("names")::add);

    errno(rules, SeccompFilter.ENOSYS).withArray("names").add("clone3");

    for (int bit = 0; bit < Integer.SIZE; bit++) {
      int flag = 1 << bit;
      if ((SeccompFilter.CLONE_NAMESPACE_FLAGS & flag) != 0) {
        ObjectNode r = errno(rules, SeccompFilter.EPERM);
        r.withArray("names").add("clone");
        arg(r, 0, flag, flag, CMP_MASKED_EQ);
      }
    }

    ObjectNode packet = errno(rules, SeccompFilter.EPERM);
    packet.withArray("names").add("socket");
    arg(packet, 0, INT_ARGUMENT_MASK, SeccompFilter.AF_PACKET, CMP_MASKED_EQ);

    ObjectNode raw = errno(rules, SeccompFilter.EPERM);
    raw.withArray("names").add("socket");
    arg(raw, 1, SeccompFilter.SOCK_TYPE_MASK, SeccompFilter.SOCK_RAW, CMP_MASKED_EQ);
    return p;
  }

  /** The profile's text as committed: two-space indented JSON, one final newline. */
  public static String render() {
    try {
      return JSON.writeValueAsString(profile()) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot render the seccomp profile", e);
    }
  }

  private static ObjectNode errno(ArrayNode rules, int errno) {
    ObjectNode r = rules.addObject();
    r.putArray("names");
    r.put("action", ACT_ERRNO);
    r.put("errnoRet", errno);
    return r;
  }

  private static void arg(ObjectNode rule, int index, long value, long valueTwo, String op) {
    ObjectNode a = rule.withArray("args").addObject();
    a.put("index", index);
    a.put("value", value);
    a.put("valueTwo", valueTwo);
    a.put("op", op);
  }

  public static void main(String[] args) throws IOException {
    String text = render();
    if (args.length == 0) {
      System.out.print(text);
    } else {
      Files.writeString(Path.of(args[0]), text, StandardCharsets.UTF_8);
    }
  }
}
