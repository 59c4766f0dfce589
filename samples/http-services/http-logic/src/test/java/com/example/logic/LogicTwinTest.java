package com.example.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.local.FunctionSpec;
import io.spillover.local.LocalPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twin is the same application: the logic service's own main class, on this module's
 * classpath, runs as an {@code app} function and answers the same request through both ways in.
 */
class LogicTwinTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theLogicServiceRunsAsItsOwnTwin(@TempDir Path work) throws Exception {
    FunctionSpec twin = FunctionSpec.app("logic", LogicApplication.class.getName())
        .memoryMb(512).build();
    try (LocalPlatform platform = LocalPlatform.builder().functions(twin).workDir(work)
        .initTimeout(Duration.ofSeconds(90)).build().start()) {
      HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(
          platform.endpoint() + "/http/logic/work?key=a&rounds=10")).build(),
          HttpResponse.BodyHandlers.ofString());
      String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/work\","
          + "\"rawQueryString\":\"key=a&rounds=10\",\"headers\":{},\"requestContext\":{\"http\":"
          + "{\"method\":\"GET\",\"path\":\"/work\"},\"requestId\":\"r1\",\"timeEpoch\":1},"
          + "\"body\":\"\",\"isBase64Encoded\":false}";
      HttpResponse<String> invoked = http.send(HttpRequest.newBuilder(URI.create(
          platform.endpoint() + "/2015-03-31/functions/logic/invocations"))
          .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
          HttpResponse.BodyHandlers.ofString());

      String digest = WorkController.digest("a", 10);
      assertThat(direct.statusCode()).isEqualTo(200);
      assertThat(direct.body()).contains(digest);
      assertThat(invoked.statusCode()).isEqualTo(200);
      assertThat(invoked.body()).contains("\"statusCode\":200").contains(digest);
      assertThat(platform.stats().coldStarts()).isEqualTo(1);
    }
  }
}
