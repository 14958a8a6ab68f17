package io.orgvault.sandbox.seccomp;

import java.util.List;

/**
 * The system-call filter of every tenant sandbox, compiled to the classic BPF program bubblewrap
 * installs with {@code --seccomp FD}. The program, in order:
 *
 * <ol>
 *   <li>the {@code arch} field must be this machine's, else the process is killed (a 32-bit or
 *       foreign-ABI entry point would read the numbers below as other calls);
 *   <li>on x86_64, numbers with the x32 bit ({@code 0x40000000}) fail with EPERM;
 *   <li>the calls in {@link #DENIED} fail with EPERM: debugging and reading other processes, mounts
 *       and namespaces, kernel modules and kexec, BPF, the kernel keyring, perf, io_uring (its
 *       operations bypass this filter), file handles, swap and reboot;
 *   <li>{@code clone} with any namespace flag fails with EPERM; {@code clone3}, whose flags sit in
 *       memory a filter cannot read, fails with ENOSYS so the C library falls back to {@code
 *       clone};
 *   <li>{@code socket(AF_PACKET, ...)} and any {@code SOCK_RAW} socket fail with EPERM;
 *   <li>everything else is allowed.
 * </ol>
 *
 * <p>{@code struct seccomp_data} is {@code int nr; u32 arch; u64 instruction_pointer; u64 args[6]}:
 * the low 32 bits of argument i are at {@code 16 + 8 * i} on these little-endian machines.
 */
public final class SeccompFilter {
  /** The calls that fail with EPERM. */
  public static final List<String> DENIED =
      List.of(
          "ptrace",
          "process_vm_readv",
          "process_vm_writev",
          "mount",
          "umount2",
          "pivot_root",
          "chroot",
          "open_tree",
          "move_mount",
          "fsopen",
          "fsconfig",
          "fsmount",
          "fspick",
          "mount_setattr",
          "unshare",
          "setns",
          "init_module",
          "finit_module",
          "delete_module",
          "kexec_load",
          "kexec_file_load",
          "bpf",
          "keyctl",
          "add_key",
          "request_key",
          "perf_event_open",
          "userfaultfd",
          "io_uring_setup",
          "io_uring_enter",
          "io_uring_register",
          "name_to_handle_at",
          "open_by_handle_at",
          "syslog",
          "acct",
          "quotactl",
          "swapon",
          "swapoff",
          "reboot",
          "sethostname",
          "setdomainname",
          "iopl",
          "ioperm");

  // linux/seccomp.h
  static final int RET_KILL_PROCESS = 0x80000000;
  static final int RET_ERRNO = 0x00050000;
  static final int RET_ALLOW = 0x7fff0000;

  // asm-generic/errno-base.h, errno.h
  public static final int EPERM = 1;
  public static final int ENOSYS = 38;

  // offsets in struct seccomp_data
  static final int OFFSET_NR = 0;
  static final int OFFSET_ARCH = 4;
  static final int OFFSET_ARG0 = 16;
  static final int OFFSET_ARG1 = 24;

  /** The x32 ABI's syscall numbers carry this bit (x86_64 only). */
  static final int X32_SYSCALL_BIT = 0x40000000;

  /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (linux/sched.h). */
  static final int CLONE_NAMESPACE_FLAGS =
      0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;

  /** The socket type is the low 4 bits; SOCK_NONBLOCK and SOCK_CLOEXEC sit above. */
  static final int SOCK_TYPE_MASK = 0xf;

  private SeccompFilter() {}

  /** The filter for this machine. */
  public static byte[] compile() {
    return compile(Architecture.current());
  }

  public static byte[] compile(Architecture arch) {
    BpfAssembler a = new BpfAssembler();
    a.load(OFFSET_ARCH).jumpIfEqual(arch.auditArch(), null, "kill");
    a.load(OFFSET_NR);
    if (arch == Architecture.X86_64) {
      a.jumpIfAtLeast(X32_SYSCALL_BIT, "eperm", null);
    }
    for (String name : DENIED) {
      if (arch.has(name)) {
        a.jumpIfEqual(arch.syscall(name), "eperm", null);
      }
    }
    a.jumpIfEqual(arch.syscall("clone3"), "enosys", null);
    a.jumpIfEqual(arch.syscall("clone"), "clone", null);
    a.jumpIfEqual(arch.syscall("socket"), "socket", null);
    a.ret(RET_ALLOW);

    a.label("clone").load(OFFSET_ARG0).jumpIfAnySet(CLONE_NAMESPACE_FLAGS, "eperm", null);
    a.ret(RET_ALLOW);

    a.label("socket").load(OFFSET_ARG0).jumpIfEqual(AF_PACKET, "eperm", null);
    a.load(OFFSET_ARG1).and(SOCK_TYPE_MASK).jumpIfEqual(SOCK_RAW, "eperm", null);
    a.ret(RET_ALLOW);

    a.label("eperm").ret(RET_ERRNO | EPERM);
    a.label("enosys").ret(RET_ERRNO | ENOSYS);
    a.label("kill").ret(RET_KILL_PROCESS);
    return a.assemble();
  }
}
