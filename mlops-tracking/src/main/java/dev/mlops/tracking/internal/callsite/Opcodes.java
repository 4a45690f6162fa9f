package dev.mlops.tracking.internal.callsite;

/**
 * The few JVM instructions {@link ExceptionalExitDetector} recognizes, with their lengths (JVMS chapter 6).
 */
final class Opcodes {
  static final int ALOAD = 0x19;
  static final int ALOAD_0 = 0x2a;
  static final int ALOAD_3 = 0x2d;
  static final int ASTORE = 0x3a;
  static final int ASTORE_0 = 0x4b;
  static final int ASTORE_3 = 0x4e;
  static final int POP = 0x57;
  static final int DUP = 0x59;
  static final int INVOKEVIRTUAL = 0xb6;
  static final int INVOKEINTERFACE = 0xb9;
  static final int CHECKCAST = 0xc0;
  static final int WIDE = 0xc4;
  static final int IFNULL = 0xc6;
  static final int IFNONNULL = 0xc7;

  private Opcodes() {}

  static boolean isInvoke(int op) {
    return op >= INVOKEVIRTUAL && op <= INVOKEINTERFACE;
  }

  static boolean isAload(int op) {
    return op == ALOAD || (op >= ALOAD_0 && op <= ALOAD_3);
  }

  static boolean isAstore(int op) {
    return op == ASTORE || (op >= ASTORE_0 && op <= ASTORE_3);
  }

  /** Instructions that only move references between locals and the stack, or test them for null. */
  static boolean isStraightMove(int op) {
    return isAload(op) || isAstore(op) || op == CHECKCAST || op == DUP || op == POP || op == IFNULL
        || op == IFNONNULL;
  }

  /** The opcode at {@code pc}, or the one it widens when it is {@code wide} (only loads and stores count). */
  static int effective(MethodCode code, int pc) {
    int op = code.at(pc);
    if (op == WIDE && pc + 1 < code.length()) {
      int widened = code.at(pc + 1);
      return widened == ALOAD || widened == ASTORE ? widened : WIDE;
    }
    return op;
  }

  /**
   * The length in bytes of the instruction at {@code pc}, for the instructions this class names (others
   * count as one byte, which is never followed past since they stop every scan).
   */
  static int length(MethodCode code, int pc) {
    int op = code.at(pc);
    if (op == WIDE) {
      return 4; // wide aload/astore: opcode, wide, u2 index
    }
    if (op == ALOAD || op == ASTORE) {
      return 2;
    }
    if (op == CHECKCAST || op == IFNULL || op == IFNONNULL || (op >= INVOKEVIRTUAL && op < INVOKEINTERFACE)) {
      return 3;
    }
    if (op == INVOKEINTERFACE) {
      return 5;
    }
    return 1;
  }
}
