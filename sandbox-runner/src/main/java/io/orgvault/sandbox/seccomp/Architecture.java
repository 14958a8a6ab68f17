package io.orgvault.sandbox.seccomp;

import java.util.Map;

/**
 * The machines the filter knows: their {@code AUDIT_ARCH_*} value (the {@code arch} field of {@code
 * seccomp_data}) and the numbers of the system calls it names. Numbers from the kernel's {@code
 * arch/x86/entry/syscalls/syscall_64.tbl} and {@code include/uapi/asm-generic/unistd.h}.
 */
public enum Architecture {
  X86_64(
      0xC000003E,
      Map.ofEntries(
          Map.entry("socket", 41),
          Map.entry("clone", 56),
          Map.entry("ptrace", 101),
          Map.entry("syslog", 103),
          Map.entry("pivot_root", 155),
          Map.entry("chroot", 161),
          Map.entry("acct", 163),
          Map.entry("mount", 165),
          Map.entry("umount2", 166),
          Map.entry("swapon", 167),
          Map.entry("swapoff", 168),
          Map.entry("reboot", 169),
          Map.entry("sethostname", 170),
          Map.entry("setdomainname", 171),
          Map.entry("iopl", 172),
          Map.entry("ioperm", 173),
          Map.entry("init_module", 175),
          Map.entry("delete_module", 176),
          Map.entry("quotactl", 179),
          Map.entry("kexec_load", 246),
          Map.entry("add_key", 248),
          Map.entry("request_key", 249),
          Map.entry("keyctl", 250),
          Map.entry("unshare", 272),
          Map.entry("perf_event_open", 298),
          Map.entry("name_to_handle_at", 303),
          Map.entry("open_by_handle_at", 304),
          Map.entry("setns", 308),
          Map.entry("process_vm_readv", 310),
          Map.entry("process_vm_writev", 311),
          Map.entry("finit_module", 313),
          Map.entry("kexec_file_load", 320),
          Map.entry("bpf", 321),
          Map.entry("userfaultfd", 323),
          Map.entry("io_uring_setup", 425),
          Map.entry("io_uring_enter", 426),
          Map.entry("io_uring_register", 427),
          Map.entry("open_tree", 428),
          Map.entry("move_mount", 429),
          Map.entry("fsopen", 430),
          Map.entry("fsconfig", 431),
          Map.entry("fsmount", 432),
          Map.entry("fspick", 433),
          Map.entry("clone3", 435),
          Map.entry("mount_setattr", 442))),
  AARCH64(
      0xC00000B7,
      Map.ofEntries(
          Map.entry("socket", 198),
          Map.entry("clone", 220),
          Map.entry("ptrace", 117),
          Map.entry("syslog", 116),
          Map.entry("pivot_root", 41),
          Map.entry("chroot", 51),
          Map.entry("acct", 89),
          Map.entry("mount", 40),
          Map.entry("umount2", 39),
          Map.entry("swapon", 224),
          Map.entry("swapoff", 225),
          Map.entry("reboot", 142),
          Map.entry("sethostname", 161),
          Map.entry("setdomainname", 162),
          Map.entry("init_module", 105),
          Map.entry("delete_module", 106),
          Map.entry("quotactl", 60),
          Map.entry("kexec_load", 104),
          Map.entry("add_key", 217),
          Map.entry("request_key", 218),
          Map.entry("keyctl", 219),
          Map.entry("unshare", 97),
          Map.entry("perf_event_open", 241),
          Map.entry("name_to_handle_at", 264),
          Map.entry("open_by_handle_at", 265),
          Map.entry("setns", 268),
          Map.entry("process_vm_readv", 270),
          Map.entry("process_vm_writev", 271),
          Map.entry("finit_module", 273),
          Map.entry("kexec_file_load", 294),
          Map.entry("bpf", 280),
          Map.entry("userfaultfd", 282),
          Map.entry("io_uring_setup", 425),
          Map.entry("io_uring_enter", 426),
          Map.entry("io_uring_register", 427),
          Map.entry("open_tree", 428),
          Map.entry("move_mount", 429),
          Map.entry("fsopen", 430),
          Map.entry("fsconfig", 431),
          Map.entry("fsmount", 432),
          Map.entry("fspick", 433),
          Map.entry("clone3", 435),
          Map.entry("mount_setattr", 442)));

  private final int auditArch;
  private final Map<String, Integer> syscalls;

  Architecture(int auditArch, Map<String, Integer> syscalls) {
    this.auditArch = auditArch;
    this.syscalls = syscalls;
  }

  public int auditArch() {
    return auditArch;
  }

  /** The number of {@code name} here; fails for a call this table does not know. */
  public int syscall(String name) {
    Integer n = syscalls.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no syscall number for " + name + " on " + this);
    }
    return n;
  }

  public boolean has(String name) {
    return syscalls.containsKey(name);
  }

  /** The machine this JVM runs on. */
  public static Architecture current() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> X86_64;
      case "aarch64", "arm64" -> AARCH64;
      default ->
          throw new UnsupportedOperationException(
              "no seccomp filter for " + arch + " (known: x86_64, aarch64)");
    };
  }
}
