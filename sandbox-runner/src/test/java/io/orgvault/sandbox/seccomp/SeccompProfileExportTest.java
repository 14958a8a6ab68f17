package io.orgvault.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.sandbox.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed Kubernetes seccomp profile is the generator's output, and it decides every call the
 * way the BPF filter does.
 */
class SeccompProfileExportTest {
  static final int ALLOW = SeccompFilter.RET_ALLOW;

  final JsonNode committed = readCommitted();

  static JsonNode readCommitted() {
    try {
      return new ObjectMapper()
          .readTree(RepositoryRoot.resolve(SeccompProfileExport.COMMITTED_PATH).toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theCommittedProfileIsWhatTheGeneratorWritesNow() throws IOException {
    String onDisk = Files.readString(RepositoryRoot.resolve(SeccompProfileExport.COMMITTED_PATH));
    assertThat(onDisk)
        .as("regenerate it as deploy/kubernetes/README.md says")
        .isEqualTo(SeccompProfileExport.render());
  }

  @Test
  void everyDeniedCallAndEveryArgumentRuleIsThere() {
    assertThat(committed.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
    List<String> arches = new ArrayList<>();
    for (JsonNode a : committed.path("archMap")) {
      arches.add(a.path("architecture").asText());
      assertThat(a.path("subArchitectures")).as("no x32 or 32-bit ABI").isEmpty();
    }
    assertThat(arches).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64");

    Set<String> eperm = new HashSet<>();
    int cloneFlags = 0;
    boolean packet = false;
    boolean raw = false;
    for (JsonNode r : committed.path("syscalls")) {
      assertThat(r.path("action").asText()).isEqualTo("SCMP_ACT_ERRNO");
      String first = r.path("names").path(0).asText();
      JsonNode args = r.path("args");
      if (first.equals("clone3")) {
        assertThat(r.path("errnoRet").asInt()).isEqualTo(SeccompFilter.ENOSYS);
        continue;
      }
      assertThat(r.path("errnoRet").asInt()).as(first).isEqualTo(SeccompFilter.EPERM);
      if (args.isMissingNode()) {
        r.path("names").forEach(n -> eperm.add(n.asText()));
      } else if (first.equals("clone")) {
        assertThat(args.path(0).path("op").asText()).isEqualTo("SCMP_CMP_MASKED_EQ");
        assertThat(args.path(0).path("value").asLong())
            .isEqualTo(args.path(0).path("valueTwo").asLong());
        cloneFlags |= args.path(0).path("value").asInt();
      } else if (first.equals("socket") && args.path(0).path("index").asInt() == 0) {
        packet = args.path(0).path("valueTwo").asInt() == SeccompFilter.AF_PACKET;
      } else if (first.equals("socket") && args.path(0).path("index").asInt() == 1) {
        raw =
            args.path(0).path("value").asInt() == SeccompFilter.SOCK_TYPE_MASK
                && args.path(0).path("valueTwo").asInt() == SeccompFilter.SOCK_RAW;
      }
    }
    assertThat(eperm).containsExactlyInAnyOrderElementsOf(SeccompFilter.DENIED);
    assertThat(cloneFlags).isEqualTo(SeccompFilter.CLONE_NAMESPACE_FLAGS);
    assertThat(packet).as("socket(AF_PACKET) rule").isTrue();
    assertThat(raw).as("SOCK_RAW rule").isTrue();
  }

  /** Argument vectors that reach every branch of the filter. */
  static final long[][] ARGUMENTS = {
    {},
    {0x003d0f00L}, // pthread_create's clone flags
    {0x01200011L}, // fork's clone flags
    {0x00020000L}, // CLONE_NEWNS
    {0x10000000L}, // CLONE_NEWUSER
    {0x40000000L | 0x00000011L}, // CLONE_NEWNET with SIGCHLD
    {17, 3}, // AF_PACKET, SOCK_RAW
    {17, 2}, // AF_PACKET, SOCK_DGRAM
    {2, 1}, // AF_INET, SOCK_STREAM
    {2, 3 | 0x80000}, // AF_INET, SOCK_RAW | SOCK_CLOEXEC
    {1, 1 | 0x800}, // AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK
    {16, 3}, // AF_NETLINK, SOCK_RAW
    {10, 2}, // AF_INET6, SOCK_DGRAM
  };

  @Test
  void theProfileDecidesEveryKnownCallAsTheBpfFilterDoes() {
    int compared = 0;
    for (Architecture arch : Architecture.values()) {
      byte[] bpf = SeccompFilter.compile(arch);
      for (String name : arch.syscallNames()) {
        for (long[] args : ARGUMENTS) {
          int[] low = new int[args.length];
          for (int i = 0; i < args.length; i++) {
            low[i] = (int) args[i];
          }
          int kernel = SeccompFilterTest.run(bpf, arch.auditArch(), arch.syscall(name), low);
          assertThat(decide(committed, name, args))
              .as("%s %s%s", arch, name, java.util.Arrays.toString(args))
              .isEqualTo(kernel);
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(1000);
    assertThat(decide(committed, "read", new long[0])).isEqualTo(ALLOW);
  }

  @Test
  void bitsAboveAnIntArgumentDoNotSlipPastTheSocketRule() {
    // The kernel reads socket(2)'s domain as an int: 0x1_00000011 is AF_PACKET to it.
    assertThat(decide(committed, "socket", new long[] {0x1_00000011L, 2}))
        .isEqualTo(SeccompFilter.RET_ERRNO | SeccompFilter.EPERM);
  }

  /**
   * What a runtime's libseccomp does with {@code profile} for one call: the errno of a rule whose
   * name and argument comparisons all match, else the default (allow). Every rule here is an errno,
   * so the first match decides.
   */
  static int decide(JsonNode profile, String name, long[] args) {
    for (JsonNode r : profile.path("syscalls")) {
      boolean named = false;
      for (JsonNode n : r.path("names")) {
        named |= n.asText().equals(name);
      }
      if (named && argumentsMatch(r.path("args"), args)) {
        assertThat(r.path("action").asText()).isEqualTo("SCMP_ACT_ERRNO");
        return SeccompFilter.RET_ERRNO | r.path("errnoRet").asInt();
      }
    }
    assertThat(profile.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
    return ALLOW;
  }

  private static boolean argumentsMatch(JsonNode comparisons, long[] args) {
    for (JsonNode c : comparisons) {
      int index = c.path("index").asInt();
      long arg = index < args.length ? args[index] : 0;
      long value = c.path("value").asLong();
      long valueTwo = c.path("valueTwo").asLong();
      boolean match =
          switch (c.path("op").asText()) {
            case "SCMP_CMP_EQ" -> arg == value;
            case "SCMP_CMP_MASKED_EQ" -> (arg & value) == valueTwo;
            default -> throw new AssertionError("unexpected comparison " + c);
          };
      if (!match) {
        return false;
      }
    }
    return true;
  }
}
