package dev.mlops.micrometer;

import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports how long ago the served model's artifact version was published, so an alert can fire when a model is
 * older than its retraining schedule allows.
 *
 * <table>
 *   <caption>Meters (each tagged {@code model=<artifact name>} plus the binder's tags)</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code mlops.model.age}</td><td>time gauge (seconds in Prometheus)</td><td>now minus the served
 *       version's publish time; NaN while no version is served</td></tr>
 *   <tr><td>{@code mlops.model.version}</td><td>gauge</td><td>the served version's number (a value, not a tag,
 *       so the tag set stays bounded as versions come and go)</td></tr>
 * </table>
 *
 * <p>Thread-safe; the meters ask the supplier on every scrape. A supplier that throws (a store that is down)
 * makes the gauges NaN for that scrape and is logged at DEBUG, never thrown into the registry.
 */
public final class ModelAgeMetrics implements MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelAgeMetrics.class);

  private final String model;
  private final Supplier<@Nullable ArtifactVersion> served;
  private final Clock clock;
  private final Tags tags;

  /**
   * Creates the binder over whatever version the server currently serves.
   *
   * @param model the model's artifact name, for the {@code model} tag
   * @param served the version served now, or null while none is
   * @param clock the clock "now" is read from
   * @param tags extra tags; keep their values bounded
   */
  public ModelAgeMetrics(String model, Supplier<@Nullable ArtifactVersion> served, Clock clock, Iterable<Tag> tags) {
    this.model = Objects.requireNonNull(model, "model");
    this.served = Objects.requireNonNull(served, "served");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tags = Tags.concat(tags, "model", model);
  }

  /**
   * Creates the binder over the version an artifact reference resolves to at each scrape, such as
   * {@code penguins-softmax@champion} (resolved through the facade's metadata cache).
   *
   * @param artifacts the artifacts facade
   * @param reference {@code name}, {@code name@7} or {@code name@alias}
   * @param clock the clock "now" is read from
   * @return the binder
   */
  public static ModelAgeMetrics of(Artifacts artifacts, String reference, Clock clock) {
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(reference, "reference");
    int at = reference.indexOf('@');
    String name = at < 0 ? reference : reference.substring(0, at);
    return new ModelAgeMetrics(name, () -> artifacts.get(reference), clock, Tags.empty());
  }

  private @Nullable ArtifactVersion current() {
    try {
      return served.get();
    } catch (RuntimeException e) {
      LOG.debug("cannot resolve the served version of model {}: {}", model, e.toString());
      return null;
    }
  }

  private double ageSeconds() {
    ArtifactVersion v = current();
    return v == null ? Double.NaN : Duration.between(v.createdAt(), clock.instant()).toNanos() / 1e9;
  }

  private double version() {
    ArtifactVersion v = current();
    return v == null ? Double.NaN : v.version();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    TimeGauge.builder("mlops.model.age", this, TimeUnit.SECONDS, ModelAgeMetrics::ageSeconds).tags(tags)
        .description("Time since the served model version was published").strongReference(true).register(registry);
    Gauge.builder("mlops.model.version", this, ModelAgeMetrics::version).tags(tags)
        .description("The served model version's number").strongReference(true).register(registry);
  }
}
