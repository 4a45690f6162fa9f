package dev.mlops.tracking.internal.callsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The class-file reader finds a method's code and never fails on damaged input. */
class MethodCodeTest {

  static final class Sample {
    void closes(AutoCloseable first) throws Exception {
      try (AutoCloseable second = first) {
        second.hashCode();
      }
    }
  }

  private static byte[] classFile() throws IOException {
    try (InputStream in = Sample.class.getResourceAsStream("MethodCodeTest$Sample.class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void findsTheTwoCloseCallsAndJudgesOnlyTheSecondExceptional() throws IOException {
    MethodCode code = MethodCode.read(classFile(), "closes", "(Ljava/lang/AutoCloseable;)V");
    assertThat(code).isNotNull();
    int normal = -1;
    int exceptional = -1;
    for (int pc = 0; pc < code.length() - 2; pc++) {
      if (Opcodes.isInvoke(code.at(pc)) && "close".equals(code.methodName(code.u2(pc + 1)))) {
        if (ExceptionalExitDetector.exceptional(code, pc)) {
          exceptional = pc;
        } else if (normal < 0) {
          normal = pc;
        }
      }
    }
    assertThat(normal).as("normal close").isPositive();
    assertThat(exceptional).as("exceptional close").isGreaterThan(normal);
  }

  @Test
  void anUnknownMethodHasNoCode() throws IOException {
    assertThat(MethodCode.read(classFile(), "closes", "()V")).isNull();
    assertThat(MethodCode.read(classFile(), "absent", "()V")).isNull();
  }

  @Test
  void aTruncatedClassFileReadsAsNoCodeOrAsTheWholeMethod() throws IOException {
    byte[] full = classFile();
    String descriptor = "(Ljava/lang/AutoCloseable;)V";
    MethodCode whole = MethodCode.read(full, "closes", descriptor);
    int complete = 0;
    for (int length = 0; length < full.length; length++) {
      MethodCode cut = MethodCode.read(Arrays.copyOf(full, length), "closes", descriptor);
      if (cut != null) {
        complete++;
        assertThat(cut.length()).as("cut at %d", length).isEqualTo(whole.length());
        assertThat(cut.handlers()).as("cut at %d", length).isEqualTo(whole.handlers());
      }
    }
    // Only cuts after the method's Code attribute can read it; most cuts land before.
    assertThat(complete).isLessThan(full.length / 2);
  }

  @Property(tries = 300)
  void arbitraryBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
    byte[] withMagic = Arrays.copyOf(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, 4 + bytes.length);
    System.arraycopy(bytes, 0, withMagic, 4, bytes.length);
    MethodCode code = MethodCode.read(withMagic, "close", "()V");
    if (code != null) {
      for (int pc = 0; pc < code.length(); pc++) {
        ExceptionalExitDetector.exceptional(code, pc);
      }
    }
  }
}
