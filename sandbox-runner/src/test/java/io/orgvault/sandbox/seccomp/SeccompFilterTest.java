package io.orgvault.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The compiled filter run by a small classic-BPF interpreter written here from the instruction
 * semantics (the sandbox tests run it in the kernel).
 */
class SeccompFilterTest {
  static final int ALLOW = SeccompFilter.RET_ALLOW;
  static final int EPERM = SeccompFilter.RET_ERRNO | SeccompFilter.EPERM;
  static final int ENOSYS = SeccompFilter.RET_ERRNO | SeccompFilter.ENOSYS;
  static final int KILL = SeccompFilter.RET_KILL_PROCESS;

  /** Runs {@code program} on a seccomp_data of {@code arch}, {@code nr} and low argument words. */
  static int run(byte[] program, int arch, int nr, int... args) {
    ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
    data.putInt(0, nr).putInt(4, arch);
    for (int i = 0; i < args.length; i++) {
      data.putInt(16 + 8 * i, args[i]);
    }
    ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
    int a = 0;
    int pc = 0;
    while (true) {
      int at = pc * BpfAssembler.INSTRUCTION_BYTES;
      int code = p.getShort(at) & 0xffff;
      int jt = p.get(at + 2) & 0xff;
      int jf = p.get(at + 3) & 0xff;
      int k = p.getInt(at + 4);
      pc++;
      switch (code) {
        case 0x20 -> a = data.getInt(k); // ld [k]
        case 0x54 -> a &= k; // and #k
        case 0x15 -> pc += a == k ? jt : jf; // jeq
        case 0x35 -> pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf; // jge
        case 0x45 -> pc += (a & k) != 0 ? jt : jf; // jset
        case 0x06 -> {
          return k; // ret #k
        }
        default -> throw new AssertionError("unexpected opcode " + Integer.toHexString(code));
      }
    }
  }

  final Architecture x86 = Architecture.X86_64;
  final byte[] filter = SeccompFilter.compile(x86);

  int call(String name, int... args) {
    return run(filter, x86.auditArch(), x86.syscall(name), args);
  }

  @Test
  void deniedCallsFailWithEpermAndOthersPass() {
    for (String name : SeccompFilter.DENIED) {
      assertThat(call(name)).as(name).isEqualTo(EPERM);
    }
    assertThat(run(filter, x86.auditArch(), 0)).as("read").isEqualTo(ALLOW);
    assertThat(run(filter, x86.auditArch(), 257)).as("openat").isEqualTo(ALLOW);
  }

  @Test
  void anotherArchitectureIsKilled() {
    assertThat(run(filter, Architecture.AARCH64.auditArch(), 0)).isEqualTo(KILL);
    assertThat(run(filter, 0x40000003 /* AUDIT_ARCH_I386 */, 0)).isEqualTo(KILL);
  }

  @Test
  void x32CallsAreDenied() {
    assertThat(run(filter, x86.auditArch(), 0x40000000 | 101)).isEqualTo(EPERM);
  }

  @Test
  void cloneIsAllowedForThreadsButNotForNamespaces() {
    int threadFlags = 0x003d0f00; // glibc pthread_create: VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|...
    assertThat(call("clone", threadFlags)).isEqualTo(ALLOW);
    assertThat(call("clone", 0x11 /* fork: SIGCHLD */)).isEqualTo(ALLOW);
    assertThat(call("clone", 0x10000000 | 0x11 /* CLONE_NEWUSER */)).isEqualTo(EPERM);
    assertThat(call("clone", 0x40000000 /* CLONE_NEWNET */)).isEqualTo(EPERM);
    assertThat(call("clone3")).isEqualTo(ENOSYS);
  }

  @Test
  void packetAndRawSocketsAreDenied() {
    int afInet = 2;
    int sockStream = 1;
    int sockCloexec = 0x80000;
    assertThat(call("socket", afInet, sockStream | sockCloexec)).isEqualTo(ALLOW);
    assertThat(call("socket", 1 /* AF_UNIX */, sockStream)).isEqualTo(ALLOW);
    assertThat(call("socket", 17 /* AF_PACKET */, sockStream)).isEqualTo(EPERM);
    assertThat(call("socket", afInet, 3 | sockCloexec)).isEqualTo(EPERM);
    assertThat(call("socket", 10 /* AF_INET6 */, 3)).isEqualTo(EPERM);
  }

  @Test
  void theAarch64FilterUsesItsOwnNumbers() {
    Architecture arm = Architecture.AARCH64;
    byte[] f = SeccompFilter.compile(arm);
    assertThat(run(f, arm.auditArch(), arm.syscall("ptrace"))).isEqualTo(EPERM);
    assertThat(run(f, arm.auditArch(), 101 /* nanosleep on arm64, ptrace on x86_64 */))
        .isEqualTo(ALLOW);
    assertThat(run(f, x86.auditArch(), 0)).isEqualTo(KILL);
  }

  @Test
  void theAssemblerRefusesWhatTheKernelWould() {
    assertThatThrownBy(() -> new BpfAssembler().load(0).assemble())
        .hasMessageContaining("must end with a return");
    assertThatThrownBy(() -> new BpfAssembler().jumpIfEqual(1, "nowhere", null).ret(0).assemble())
        .hasMessageContaining("undefined label");
    BpfAssembler far = new BpfAssembler().jumpIfEqual(1, "end", null);
    for (int i = 0; i < 300; i++) {
      far.load(0);
    }
    assertThatThrownBy(() -> far.label("end").ret(0).assemble())
        .hasMessageContaining("BPF jumps 0 to 255 forward");
  }
}
