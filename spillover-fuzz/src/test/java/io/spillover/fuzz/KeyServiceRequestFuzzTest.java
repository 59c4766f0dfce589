package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.KeyService;
import io.spillover.attest.keyservice.KeyServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The key service's request bodies, sent over loopback to a key service on 127.0.0.1 (development
 * deployment, one function, one caller): every body gets an answer with a status below 500. A
 * 5xx is the service's "internal error", i.e. an exception no check typed. The first byte picks
 * the endpoint.
 */
class KeyServiceRequestFuzzTest {
  private static final List<String> PATHS = List.of("/v1/nonce", "/v1/functions/compose/attest",
      "/v1/functions/compose/data-keys/model", "/v1/functions/compose/public-keyset");
  private static final KeyService SERVICE = start();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static KeyService start() {
    try {
      Path dir = Files.createTempDirectory("spillover-fuzz-keyservice");
      KeyServiceConfig config = KeyServiceConfig.builder().bind("127.0.0.1").port(0)
          .keyDirectory(dir.resolve("keys")).masterKeyset(dir.resolve("keys/master.json"))
          .createMissingKeys(true).devEvidenceKey(DevEvidenceKeys.generate().getPublic())
          .caller("frontend", CallerIdentity.generate("frontend").publicKeyset())
          .function("compose", FunctionPolicy.builder().allowMeasurement("a1b2c3d4".repeat(12))
              .callers(List.of("frontend")).dataKeys(List.of("model")).build())
          .build();
      return KeyService.builder().config(config).deployment(Deployment.DEVELOPMENT).start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the key service", e);
    }
  }

  @Fuzz
  void everyRequestBodyGetsATypedAnswer(byte[] data) throws Exception {
    String path = PATHS.get(data.length == 0 ? 0 : Math.floorMod(data[0], PATHS.size()));
    byte[] body = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
    HttpRequest request = HttpRequest.newBuilder(URI.create(SERVICE.uri() + path))
        .timeout(Duration.ofSeconds(10))
        .method(path.endsWith("public-keyset") ? "GET" : "POST",
            HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json").build();
    HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as("%s answered %s", path, reply.body()).isBetween(200, 499);
  }
}
