package io.orgvault.sandbox.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes classic BPF programs as the kernel's seccomp takes them: an array of {@code struct
 * sock_filter} (8 bytes each, in the machine's byte order: {@code u16 code, u8 jt, u8 jf, u32 k}).
 *
 * <p>Only the few instructions a syscall filter needs: load a 32-bit word of {@code struct
 * seccomp_data} into the accumulator, AND it with a constant, compare it with a constant and jump,
 * return a verdict. Jumps go forward to named labels; {@link #assemble()} resolves them and fails
 * when one is further than the 8-bit offset of a conditional jump reaches.
 */
public final class BpfAssembler {
  // Opcodes from linux/filter.h and linux/bpf_common.h.
  static final int BPF_LD = 0x00;
  static final int BPF_ALU = 0x04;
  static final int BPF_JMP = 0x05;
  static final int BPF_RET = 0x06;
  static final int BPF_W = 0x00;
  static final int BPF_ABS = 0x20;
  static final int BPF_K = 0x00;
  static final int BPF_AND = 0x50;
  static final int BPF_JA = 0x00;
  static final int BPF_JEQ = 0x10;
  static final int BPF_JGE = 0x30;
  static final int BPF_JSET = 0x40;

  /** Size of one {@code struct sock_filter}. */
  public static final int INSTRUCTION_BYTES = 8;

  /** The kernel's limit on a filter's length (BPF_MAXINSNS). */
  public static final int MAX_INSTRUCTIONS = 4096;

  /** A conditional jump's offsets are one byte each. */
  static final int MAX_JUMP = 255;

  private record Instruction(int code, String jumpTrue, String jumpFalse, int k) {}

  private final List<Instruction> program = new ArrayList<>();
  private final Map<String, Integer> labels = new HashMap<>();

  /** {@code A = *(u32 *)(seccomp_data + offset)}. */
  public BpfAssembler load(int offset) {
    return add(BPF_LD | BPF_W | BPF_ABS, null, null, offset);
  }

  /** {@code A &= k}. */
  public BpfAssembler and(int k) {
    return add(BPF_ALU | BPF_AND | BPF_K, null, null, k);
  }

  /** If {@code A == k} go to {@code ifTrue}, else to {@code ifFalse}; null means the next one. */
  public BpfAssembler jumpIfEqual(int k, String ifTrue, String ifFalse) {
    return add(BPF_JMP | BPF_JEQ | BPF_K, ifTrue, ifFalse, k);
  }

  /** If {@code A >= k} (unsigned) go to {@code ifTrue}, else to {@code ifFalse}. */
  public BpfAssembler jumpIfAtLeast(int k, String ifTrue, String ifFalse) {
    return add(BPF_JMP | BPF_JGE | BPF_K, ifTrue, ifFalse, k);
  }

  /** If {@code A & k != 0} go to {@code ifTrue}, else to {@code ifFalse}. */
  public BpfAssembler jumpIfAnySet(int k, String ifTrue, String ifFalse) {
    return add(BPF_JMP | BPF_JSET | BPF_K, ifTrue, ifFalse, k);
  }

  /** Returns {@code verdict} (a {@code SECCOMP_RET_*} action with its data). */
  public BpfAssembler ret(int verdict) {
    return add(BPF_RET | BPF_K, null, null, verdict);
  }

  /** Names the next instruction. */
  public BpfAssembler label(String name) {
    if (labels.putIfAbsent(name, program.size()) != null) {
      throw new IllegalArgumentException("label defined twice: " + name);
    }
    return this;
  }

  private BpfAssembler add(int code, String jt, String jf, int k) {
    program.add(new Instruction(code, jt, jf, k));
    return this;
  }

  /** The program as {@code struct sock_filter[]} bytes. */
  public byte[] assemble() {
    if (program.isEmpty() || program.size() > MAX_INSTRUCTIONS) {
      throw new IllegalStateException("a filter has 1 to " + MAX_INSTRUCTIONS + " instructions");
    }
    if ((program.get(program.size() - 1).code & 0x07) != BPF_RET) {
      throw new IllegalStateException("a filter must end with a return");
    }
    ByteBuffer out =
        ByteBuffer.allocate(program.size() * INSTRUCTION_BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < program.size(); i++) {
      Instruction in = program.get(i);
      out.putShort((short) in.code);
      out.put((byte) offset(i, in.jumpTrue));
      out.put((byte) offset(i, in.jumpFalse));
      out.putInt(in.k);
    }
    return out.array();
  }

  private int offset(int from, String label) {
    if (label == null) {
      return 0;
    }
    Integer to = labels.get(label);
    if (to == null) {
      throw new IllegalStateException("jump to an undefined label: " + label);
    }
    int off = to - from - 1;
    if (off < 0 || off > MAX_JUMP) {
      throw new IllegalStateException(
          "jump from " + from + " to " + label + " is " + off + " (BPF jumps 0 to 255 forward)");
    }
    return off;
  }
}
