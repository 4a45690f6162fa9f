package dev.mlops.tracking.internal.callsite;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytecode of one method read from a class file: its code array, its exception table and the names of
 * the methods its invoke instructions call.
 *
 * <p>Only what {@link ExceptionalExitDetector} needs is decoded: the constant pool's UTF-8, class,
 * name-and-type and member-reference entries, and the {@code Code} attribute of the wanted method. Any class
 * file this reader does not understand yields no code rather than an error.
 */
final class MethodCode {
  private static final int MAGIC = 0xCAFEBABE;

  /** One row of a method's exception table: code in {@code [start, end)} jumps to {@code handler}. */
  record Handler(int start, int end, int handler, boolean catchesAny) {
    boolean covers(int bci) {
      return bci >= start && bci < end;
    }
  }

  private final byte[] code;
  private final List<Handler> handlers;
  private final @Nullable String[] utf8;
  private final int[] nameAndTypeName;
  private final int[] memberNameAndType;

  private MethodCode(byte[] code, List<Handler> handlers, @Nullable String[] utf8, int[] nameAndTypeName,
      int[] memberNameAndType) {
    this.code = code;
    this.handlers = List.copyOf(handlers);
    this.utf8 = utf8;
    this.nameAndTypeName = nameAndTypeName;
    this.memberNameAndType = memberNameAndType;
  }

  /**
   * Reads the code of a method from a class file.
   *
   * @param classFile the class file's bytes
   * @param name the method's name
   * @param descriptor the method's descriptor, such as {@code ()V}
   * @return the code, or {@code null} if the class file is not readable or has no such method with code
   */
  static @Nullable MethodCode read(InputStream classFile, String name, String descriptor) {
    try (DataInputStream in = new DataInputStream(classFile)) {
      return parse(in, name, descriptor);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static @Nullable MethodCode read(byte[] classFile, String name, String descriptor) {
    return read(new ByteArrayInputStream(classFile), name, descriptor);
  }

  private static @Nullable MethodCode parse(DataInputStream in, String name, String descriptor)
      throws IOException {
    if (in.readInt() != MAGIC) {
      return null;
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] nameAndTypeName = new int[count];
    int[] memberNameAndType = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // longs and doubles take two slots
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 9, 10, 11 -> {
          in.readUnsignedShort(); // class
          memberNameAndType[i] = in.readUnsignedShort();
        }
        case 12 -> {
          nameAndTypeName[i] = in.readUnsignedShort();
          in.readUnsignedShort(); // descriptor
        }
        case 15 -> in.skipNBytes(3);
        case 17, 18 -> in.skipNBytes(4);
        default -> {
          return null;
        }
      }
    }
    in.skipNBytes(6); // access flags, this class, super class
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    skipMembers(in);
    int methods = in.readUnsignedShort();
    for (int m = 0; m < methods; m++) {
      in.readUnsignedShort(); // access flags
      String methodName = utf8[in.readUnsignedShort()];
      String methodDescriptor = utf8[in.readUnsignedShort()];
      boolean wanted = name.equals(methodName) && descriptor.equals(methodDescriptor);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        if (wanted && "Code".equals(attribute)) {
          in.readUnsignedShort(); // max stack
          in.readUnsignedShort(); // max locals
          byte[] code = in.readNBytes(in.readInt());
          int rows = in.readUnsignedShort();
          List<Handler> handlers = new ArrayList<>(rows);
          for (int r = 0; r < rows; r++) {
            handlers.add(new Handler(in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(),
                in.readUnsignedShort() == 0));
          }
          return new MethodCode(code, handlers, utf8, nameAndTypeName, memberNameAndType);
        }
        in.skipNBytes(length);
      }
    }
    return null;
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    int members = in.readUnsignedShort();
    for (int f = 0; f < members; f++) {
      in.skipNBytes(6); // access flags, name, descriptor
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.readUnsignedShort();
        in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
      }
    }
  }

  List<Handler> handlers() {
    return handlers;
  }

  int length() {
    return code.length;
  }

  /** The unsigned byte at {@code index} of the code array. */
  int at(int index) {
    return code[index] & 0xFF;
  }

  /** The unsigned 16-bit operand at {@code index}. */
  int u2(int index) {
    return (at(index) << 8) | at(index + 1);
  }

  /**
   * The name of the method a member-reference constant names.
   *
   * @param memberRef a constant-pool index of a method or interface-method reference
   * @return the method's simple name, or {@code null} if the index is not such a reference
   */
  @Nullable String methodName(int memberRef) {
    if (memberRef <= 0 || memberRef >= memberNameAndType.length) {
      return null;
    }
    int nameAndType = memberNameAndType[memberRef];
    if (nameAndType <= 0 || nameAndType >= nameAndTypeName.length) {
      return null;
    }
    int nameIndex = nameAndTypeName[nameAndType];
    return nameIndex <= 0 || nameIndex >= utf8.length ? null : utf8[nameIndex];
  }
}
