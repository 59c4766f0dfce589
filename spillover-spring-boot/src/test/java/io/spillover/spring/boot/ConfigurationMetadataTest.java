package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.spring.boot.internal.SpilloverPropertyFailureAnalyzer;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata that IDEs read is generated into this module's output, which the jar
 * packages as is; and a refused property gets Boot's failure report.
 */
class ConfigurationMetadataTest {

  @Test
  void metadataDescribesTheProperties() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    URL ours = null;
    List<URL> urls = Collections.list(getClass().getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"));
    for (URL url : urls) {
      try (InputStream in = url.openStream()) {
        JsonNode root = JsonMapper.builder().build().readTree(in);
        for (JsonNode p : root.get("properties")) {
          if (p.get("name").asString().startsWith("spillover.")) {
            properties.put(p.get("name").asString(), p);
            ours = url;
          }
        }
      }
    }
    assertThat(ours).as("spillover metadata on the classpath").isNotNull();
    assertThat(ours.toString()).as("generated into this module's classes, which the jar packages")
        .contains("spillover-spring-boot");
    assertThat(properties.get("spillover.tick-interval").get("type").asString())
        .isEqualTo("java.time.Duration");
    assertThat(properties.get("spillover.tick-interval").get("defaultValue").asString())
        .isEqualTo("1s");
    assertThat(properties.get("spillover.spillways").get("description").asString())
        .startsWith("Per-spillway settings");
    assertThat(properties).containsKeys("spillover.configs", "spillover.enabled",
        "spillover.metrics.enabled", "spillover.annotations.enabled",
        "spillover.providers.in-process.enabled", "spillover.providers.lambda.region",
        "spillover.providers.lambda.endpoint-override",
        "spillover.providers.lambda.credentials.access-key-id",
        "spillover.providers.openwhisk.api-host", "spillover.providers.openwhisk.namespace",
        "spillover.providers.openwhisk.api-key", "spillover.providers.http.headers");
    assertThat(properties.get("spillover.providers.lambda.name").get("defaultValue").asString())
        .as("merged from the additional metadata").isEqualTo("lambda");
    properties.values().forEach(p -> assertThat(p.has("description"))
        .as(p.get("name").asString() + " has a description").isTrue());
  }

  /** Every key a spillway takes is described under spillover.configs.default, cleanly. */
  @Test
  void everySpillwayKeyHasMetadataUnderTheDefaultConfig() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    List<JsonNode> hints = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        JsonNode root = JsonMapper.builder().build().readTree(in);
        root.get("properties").forEach(p -> properties.put(p.get("name").asString(), p));
        if (root.has("hints")) {
          root.get("hints").forEach(hints::add);
        }
      }
    }
    List<String> keys = new ArrayList<>();
    leafKeys(SpillwayProperties.class, "", keys);
    assertThat(keys).hasSizeGreaterThan(40).contains("max-concurrent-spills",
        "circuit-breaker.wait-duration-in-open-state", "limit.type", "overload");
    for (String key : keys) {
      JsonNode p = properties.get("spillover.configs.default." + key);
      assertThat(p).as(key).isNotNull();
      assertThat(p.get("description").asString()).as(key).isNotBlank();
      assertThat(p.get("type")).as(key).isNotNull();
    }
    properties.values().stream().filter(p -> p.has("description")).forEach(p ->
        assertThat(p.get("description").asString()).as(p.get("name").asString())
            .doesNotContain("{@").doesNotContain("<pre>"));
    assertThat(hints).extracting(h -> h.get("name").asString()).contains(
        "spillover.configs.default.function.provider", "spillover.configs.keys");
  }

  /** The documented defaults of the default config are the library's. */
  @Test
  void defaultValuesInTheMetadataAreTheLibraryDefaults() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        JsonMapper.builder().build().readTree(in).get("properties")
            .forEach(p -> properties.put(p.get("name").asString(), p));
      }
    }
    io.spillover.SpillwayConfig c = io.spillover.SpillwayConfig.ofDefaults();
    String d = "spillover.configs.default.";
    assertThat(duration(properties, d + "timeout")).isEqualTo(c.timeout());
    assertThat(duration(properties, d + "max-wait")).isEqualTo(c.maxWait());
    assertThat(duration(properties, d + "latency-slo")).isEqualTo(c.latencySlo());
    assertThat(duration(properties, d + "hysteresis.cool-down")).isEqualTo(c.spillCoolDown());
    assertThat(duration(properties, d + "retry.backoff")).isEqualTo(c.retryBackoff());
    assertThat(duration(properties, d + "advice-window")).isEqualTo(c.adviceWindow());
    assertThat(properties.get(d + "max-waiting").get("defaultValue").asInt())
        .isEqualTo(c.maxWaiting());
    assertThat(properties.get(d + "max-concurrent-spills").get("defaultValue").asInt())
        .isEqualTo(c.maxConcurrentSpills());
    assertThat(properties.get(d + "retry.attempts").get("defaultValue").asInt())
        .isEqualTo(c.retryAttempts());
    assertThat(properties.get(d + "hysteresis.headroom").get("defaultValue").asDouble())
        .isEqualTo(c.spillHeadroom());
    assertThat(properties.get(d + "pricing.memory-mb").get("defaultValue").asInt())
        .isEqualTo(c.pricing().memoryMb());
    assertThat(properties.get(d + "classification").get("defaultValue").asString())
        .isEqualToIgnoringCase(c.classification().name());
  }

  private static java.time.Duration duration(Map<String, JsonNode> properties, String name) {
    return org.springframework.boot.convert.DurationStyle.detectAndParse(
        properties.get(name).get("defaultValue").asString());
  }

  /** The dashed keys below a properties class, as the binder walks it. */
  private static void leafKeys(Class<?> type, String prefix, List<String> out) {
    for (java.beans.PropertyDescriptor pd
        : org.springframework.beans.BeanUtils.getPropertyDescriptors(type)) {
      if (pd.getReadMethod() == null || pd.getName().equals("class")) {
        continue;
      }
      String key = prefix + pd.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
          .toLowerCase(java.util.Locale.ROOT);
      Class<?> t = pd.getPropertyType();
      if (!t.isEnum() && t.getPackageName().equals("io.spillover.spring.boot")) {
        leafKeys(t, key + ".", out);
      } else {
        out.add(key);
      }
    }
  }

  @Test
  void failureAnalysisNamesTheProperty() {
    SpilloverPropertyException e = new SpilloverPropertyException(
        "spillover.spillways.x.timeout", "timeout must be positive, was PT0S", null);
    FailureAnalysis analysis = new SpilloverPropertyFailureAnalyzer()
        .analyze(new IllegalStateException("wrapper", e));
    assertThat(analysis.getDescription()).isEqualTo("Spillover refused the property "
        + "'spillover.spillways.x.timeout': timeout must be positive, was PT0S");
    assertThat(analysis.getAction()).contains("Fix 'spillover.spillways.x.timeout'");
  }
}
