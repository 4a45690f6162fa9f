package dev.mlops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.fingerprint.CodeVersion;
import dev.mlops.core.fingerprint.DataInput;
import dev.mlops.core.fingerprint.Environment;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.fingerprint.FingerprintChange;
import dev.mlops.core.fingerprint.FingerprintDiff;
import dev.mlops.core.internal.content.DirectoryHasher;
import dev.mlops.core.internal.content.Manifest;
import dev.mlops.core.internal.content.StatCache;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jackson and Caffeine stay implementation details: no public signature of these types names them. */
class PublicSignaturesTest {

  @Test
  void noPublicSignatureMentionsJacksonOrCaffeine() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : List.of(CanonicalJson.class, Fingerprint.class, Fingerprint.Builder.class,
        Environment.class, CodeVersion.class, DataInput.class, FingerprintChange.class, FingerprintDiff.class,
        Manifest.class, StatCache.class, DirectoryHasher.class)) {
      for (Method m : type.getDeclaredMethods()) {
        check(type, m, leaks);
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        check(type, c, leaks);
      }
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers()) && leaks(f.getGenericType().getTypeName())) {
          leaks.add(type.getName() + "." + f.getName());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(Class<?> type, Executable e, List<String> leaks) {
    if (!Modifier.isPublic(e.getModifiers())) {
      return;
    }
    StringBuilder signature = new StringBuilder(e.toGenericString());
    for (var t : e.getGenericExceptionTypes()) {
      signature.append(' ').append(t.getTypeName());
    }
    if (leaks(signature.toString())) {
      leaks.add(type.getName() + ": " + signature);
    }
  }

  private static boolean leaks(String text) {
    return text.contains("tools.jackson") || text.contains("com.fasterxml") || text.contains("benmanes");
  }
}
