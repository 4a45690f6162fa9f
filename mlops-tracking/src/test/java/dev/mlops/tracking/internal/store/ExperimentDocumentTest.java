package dev.mlops.tracking.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ExperimentDocument#read} agrees with the JSON mapper on every body: the documents the mapper writes are read
 * by the streaming parser (not handed to the mapper), and every other body gets the mapper's document or error.
 */
class ExperimentDocumentTest {
  private static final String CHARS = "aZ09 _-./é\u4e2d\"\\\n\t\u0001😀";

  private static String text(Random rnd, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(max + 1); i > 0; i--) {
      sb.appendCodePoint(CHARS.codePointAt(CHARS.offsetByCodePoints(0, rnd.nextInt(CHARS.codePointCount(0,
          CHARS.length())))));
    }
    return sb.toString();
  }

  @Test
  void writtenDocumentsAreReadByTheStreamingParserAsTheMapperReadsThem() {
    Random rnd = new Random(16);
    for (int i = 0; i < 2000; i++) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int t = rnd.nextInt(4); t > 0; t--) {
        tags.put(text(rnd, 12), text(rnd, 30));
      }
      ExperimentDocument doc = new ExperimentDocument(text(rnd, 40), text(rnd, 40),
          rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(), tags, rnd.nextBoolean());
      byte[] body = TrackingJson.write(doc);
      assertThat(ExperimentDocument.readPlain(body)).isEqualTo(doc);
      assertThat(ExperimentDocument.read("k", body)).isEqualTo(TrackingJson.read("k", body, ExperimentDocument.class));
    }
  }

  @Test
  void otherBodiesGetTheMappersDocumentOrError() {
    String[] bodies = {
        "{\"id\":\"a\",\"name\":\"b\",\"createdAt\":5,\"tags\":{\"x\":\"y\"},\"deleted\":true,\"new\":{\"n\":[1,{}]}}",
        "{\"id\":\"a\",\"name\":\"b\"}",
        "{\"name\":\"b\",\"id\":\"a\",\"id\":\"c\"}",
        "{\"id\":\"a\",\"name\":\"b\",\"tags\":null}",
        "{\"id\":\"a\",\"name\":\"b\",\"tags\":{\"x\":null}}",
        "{\"id\":\"a\",\"name\":\"b\",\"createdAt\":\"12\"}",
        "{\"id\":\"a\",\"name\":\"b\",\"createdAt\":1.5}",
        "{\"id\":\"a\",\"name\":\"b\",\"createdAt\":123456789012345678901234567890}",
        "{\"id\":\"a\",\"name\":\"b\",\"deleted\":\"true\"}",
        "{\"id\":\"a\",\"name\":\"b\",\"deleted\":1}",
        "{\"id\":7,\"name\":\"b\"}",
        "{\"id\":null,\"name\":\"b\"}",
        "{\"id\":\"a\",\"name\":\"b\",\"tags\":{\"x\":1}}",
        "{\"id\":\"a\",\"name\":\"b\",\"tags\":[]}",
        "{\"id\":\"a\",\"name\":\"b\"} {}",
        "{\"id\":\"a\",\"name\":\"b\"",
        "[]",
        "",
        "nul",
        "{\"id\":\"a\",\"name\":\"b\",}",
    };
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      Object expected;
      try {
        expected = TrackingJson.read("k", bytes, ExperimentDocument.class);
      } catch (CorruptedDataException e) {
        assertThatThrownBy(() -> ExperimentDocument.read("k", bytes)).as(body)
            .isInstanceOf(CorruptedDataException.class).hasMessage(e.getMessage());
        continue;
      } catch (RuntimeException e) {
        assertThatThrownBy(() -> ExperimentDocument.read("k", bytes)).as(body).isInstanceOf(e.getClass());
        continue;
      }
      assertThat(ExperimentDocument.read("k", bytes)).as(body).isEqualTo(expected);
    }
  }
}
