package io.spillover.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.limit.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The autoscaling examples in docs/autoscaling parse, and every metric they name is one the code
 * registers: Prometheus names from a real scrape of a bound spillway, CloudWatch names from the
 * registered gauges as Micrometer's CloudWatch registry publishes them.
 */
class AutoscalingExamplesTest {
  private static final Path DIR = Path.of(System.getProperty("user.dir"))
      .resolve("../docs/autoscaling").normalize();
  private static final Pattern PROMETHEUS_NAME = Pattern.compile("\\bspillover_[a-z_]+");
  private final YAMLMapper yaml = YAMLMapper.builder().build();
  private final JsonMapper json = JsonMapper.builder().build();

  /** Binds one spillway with a function to {@code meters}, as an application would. */
  private static void bindASpillway(io.micrometer.core.instrument.MeterRegistry meters) {
    InProcessProvider twin = InProcessProvider.named("twin").deploy("fn",
        FunctionApp.builder().handle("home-timeline", String.class, String.class, s -> s).build());
    SpilloverMetrics metrics = SpilloverMetrics.of(meters);
    try (SpilloverRegistry registry = SpilloverRegistry.builder().provider(twin)
        .listener(metrics).build()) {
      metrics.bindTo(registry);
      registry.spillway("home-timeline", SpillwayConfig.custom().limit(Limits.fixed(2))
          .function(FunctionRef.of("twin", "fn")).build(), String.class, String.class);
      registry.tick();
    } finally {
      twin.close();
    }
  }

  private static Set<String> scrapedPrometheusNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindASpillway(prometheus);
    Set<String> names = new HashSet<>();
    for (String line : prometheus.scrape().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  /** Gauges as Micrometer's CloudWatch registry names them: "{name}.value", identity convention. */
  private static Set<String> cloudWatchGaugeNames(Set<String> dimensions) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    bindASpillway(meters);
    Set<String> names = new HashSet<>();
    for (Meter m : meters.getMeters()) {
      if (m instanceof Gauge) {
        names.add(NamingConvention.identity.name(m.getId().getName() + ".value",
            m.getId().getType(), m.getId().getBaseUnit()));
        m.getId().getTags().forEach(t -> dimensions.add(t.getKey()));
      }
    }
    return names;
  }

  private static Set<String> namesIn(String query) {
    Set<String> names = new HashSet<>();
    Matcher m = PROMETHEUS_NAME.matcher(query);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  @Test
  void theKubernetesExamplesParseAndNameScrapedMetrics() throws Exception {
    Set<String> scraped = scrapedPrometheusNames();
    assertThat(scraped).contains("spillover_advice_demand_replicas", "spillover_advice_replicas");

    JsonNode adapter = yaml.readTree(DIR.resolve("kubernetes/prometheus-adapter-values.yaml")
        .toFile());
    JsonNode rule = adapter.path("rules").path("external").get(0);
    Set<String> adapterNames = namesIn(rule.path("seriesQuery").asString());
    assertThat(adapterNames).isNotEmpty().isSubsetOf(scraped);
    assertThat(rule.path("metricsQuery").asString()).contains("<<.Series>>", "by (spillway)");
    String external = rule.path("name").path("as").asString();

    JsonNode hpa = yaml.readTree(DIR.resolve("kubernetes/hpa.yaml").toFile());
    assertThat(hpa.path("apiVersion").asString()).isEqualTo("autoscaling/v2");
    assertThat(hpa.path("kind").asString()).isEqualTo("HorizontalPodAutoscaler");
    List<String> hpaExternal = hpa.path("spec").path("metrics").valueStream()
        .filter(n -> n.path("type").asString().equals("External"))
        .map(n -> n.path("external").path("metric").path("name").asString()).toList();
    assertThat(hpaExternal).as("the HPA reads the metric the adapter serves")
        .containsExactly(external);

    JsonNode keda = yaml.readTree(DIR.resolve("kubernetes/keda-scaledobject.yaml").toFile());
    assertThat(keda.path("kind").asString()).isEqualTo("ScaledObject");
    List<JsonNode> prometheusTriggers = keda.path("spec").path("triggers").valueStream()
        .filter(n -> n.path("type").asString().equals("prometheus")).toList();
    assertThat(prometheusTriggers).hasSize(1);
    Set<String> kedaNames = namesIn(prometheusTriggers.get(0).path("metadata").path("query")
        .asString());
    assertThat(kedaNames).isNotEmpty().isSubsetOf(scraped);
    assertThat(Double.parseDouble(prometheusTriggers.get(0).path("metadata").path("threshold")
        .asString())).isBetween(0.1, 1.0);
  }

  @Test
  void theAwsPoliciesParseAndNamePublishedMetrics() throws Exception {
    Set<String> dimensions = new HashSet<>();
    Set<String> published = cloudWatchGaugeNames(dimensions);
    assertThat(published).contains("spillover.advice.demand.value");
    try (var files = Files.list(DIR.resolve("aws"))) {
      List<Path> policies = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(policies).isNotEmpty();
      int custom = 0;
      for (Path f : policies) {
        JsonNode policy = json.readTree(f.toFile());
        assertThat(policy.path("PolicyType").asString()).as(f.toString())
            .isEqualTo("TargetTrackingScaling");
        JsonNode spec = policy.path("TargetTrackingConfiguration")
            .path("CustomizedMetricSpecification");
        if (spec.isMissingNode()) {
          continue;
        }
        custom++;
        assertThat(spec.path("MetricName").asString()).as(f.toString()).isIn(published);
        spec.path("Dimensions").forEach(d -> assertThat(d.path("Name").asString())
            .as(f + ": a tag of the meter (or the application's common tag)")
            .isIn(union(dimensions, "application")));
      }
      assertThat(custom).as("a policy on Spillover's metric").isPositive();
    }
  }

  private static Set<String> union(Set<String> a, String b) {
    Set<String> u = new HashSet<>(a);
    u.add(b);
    return u;
  }
}
