package io.spillover.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.spring.boot.internal.SpilloverPropertyFailureAnalyzer;
import java.io.InputStream;
import java.net.URL;
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
