package dev.mlops.tracking.internal.callsite;

import java.io.InputStream;
import java.lang.StackWalker.StackFrame;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells whether a {@code close()} call is being made on an exceptional path: from the handler a Java compiler
 * generates for a try-with-resources statement or a {@code finally} block while an exception propagates.
 *
 * <p>Java's {@link AutoCloseable#close()} receives no exception, so the caller's bytecode is read at the
 * call site, which is the only place that knows. Two shapes count as exceptional:
 * <ul>
 *   <li>the call is protected by a handler that immediately passes what {@code close()} throws to
 *       {@code addSuppressed}: javac's exceptional path of try-with-resources (the normal path has no primary
 *       exception to add to) and Kotlin's {@code use};</li>
 *   <li>the call is reached, through local loads, stores, casts and null checks only, from the start of a
 *       catch-anything handler: the exceptional copy of a {@code finally} block.</li>
 * </ul>
 * Anything else, including a class file that cannot be read (generated or hidden classes), counts as a
 * normal exit. Verdicts are cached per call site, so each site's bytecode is read once.
 *
 * <p>Thread-safe.
 */
public final class ExceptionalExitDetector {
  private static final StackWalker WALKER = StackWalker.getInstance(
      Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));
  /** How many instructions may separate a catch-anything handler's start from the call. */
  private static final int MAX_HANDLER_PREFIX = 6;

  private static final ClassValue<ConcurrentMap<String, Boolean>> VERDICTS = new ClassValue<>() {
    @Override
    protected ConcurrentMap<String, Boolean> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private ExceptionalExitDetector() {}

  /**
   * Finds the call site of {@code close()} if the nearest caller outside {@code closeable}'s class is closing
   * it on an exceptional path.
   *
   * @param closeable the class whose {@code close()} method is running (frames of it are skipped)
   * @return the caller's stack trace element if it is closing while an exception propagates, else empty
   */
  public static Optional<StackTraceElement> exceptionalCloseSite(Class<?> closeable) {
    Optional<StackFrame> caller = WALKER.walk(frames -> frames
        .dropWhile(f -> f.getDeclaringClass() != closeable)
        .dropWhile(f -> f.getDeclaringClass() == closeable)
        .findFirst());
    return caller.filter(ExceptionalExitDetector::exceptional).map(StackFrame::toStackTraceElement);
  }

  private static boolean exceptional(StackFrame frame) {
    Class<?> type = frame.getDeclaringClass();
    int bci = frame.getByteCodeIndex();
    if (bci < 0 || type.isHidden() || type.isArray()) {
      return false;
    }
    String key = frame.getMethodName() + frame.getDescriptor() + '@' + bci;
    return VERDICTS.get(type).computeIfAbsent(key, k -> judge(type, frame.getMethodName(), frame.getDescriptor(), bci));
  }

  private static boolean judge(Class<?> type, String method, String descriptor, int bci) {
    String binaryName = type.getName();
    String resource = binaryName.substring(binaryName.lastIndexOf('.') + 1) + ".class";
    MethodCode code;
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      code = MethodCode.read(in, method, descriptor);
    } catch (java.io.IOException | SecurityException e) {
      return false;
    }
    try {
      return code != null && exceptional(code, bci);
    } catch (RuntimeException malformed) {
      return false; // bytecode this reader does not follow: treat as a normal exit
    }
  }

  /**
   * Judges one call site in a method's code.
   *
   * @param code the caller's code
   * @param bci the index of the invoke instruction calling {@code close()}
   * @return {@code true} if the call is on an exceptional path in one of the two recognized shapes
   */
  static boolean exceptional(MethodCode code, int bci) {
    if (!isCloseCall(code, bci)) {
      return false;
    }
    for (MethodCode.Handler handler : code.handlers()) {
      if (handler.covers(bci) && addsSuppressed(code, handler.handler())) {
        return true;
      }
      if (handler.catchesAny() && reachesStraight(code, handler.handler(), bci)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCloseCall(MethodCode code, int bci) {
    if (bci >= code.length() - 2 || !Opcodes.isInvoke(code.at(bci))) {
      return false;
    }
    return "close".equals(code.methodName(code.u2(bci + 1)));
  }

  /** A handler that stores the exception, loads two locals and calls {@code addSuppressed}. */
  private static boolean addsSuppressed(MethodCode code, int start) {
    int pc = start;
    if (pc >= code.length() || !Opcodes.isAstore(Opcodes.effective(code, pc))) {
      return false;
    }
    pc += Opcodes.length(code, pc);
    for (int i = 0; i < 4 && pc < code.length() - 2; i++) {
      int op = Opcodes.effective(code, pc);
      if (Opcodes.isInvoke(op)) {
        return "addSuppressed".equals(code.methodName(code.u2(pc + 1)));
      }
      if (!Opcodes.isAload(op) && op != Opcodes.CHECKCAST) {
        return false;
      }
      pc += Opcodes.length(code, pc);
    }
    return false;
  }

  /** The call at {@code target} follows the handler's start through moves of locals and null checks only. */
  private static boolean reachesStraight(MethodCode code, int start, int target) {
    int pc = start;
    for (int i = 0; i <= MAX_HANDLER_PREFIX && pc < code.length(); i++) {
      if (pc == target) {
        return true;
      }
      if (!Opcodes.isStraightMove(Opcodes.effective(code, pc))) {
        return false;
      }
      pc += Opcodes.length(code, pc);
    }
    return false;
  }
}
