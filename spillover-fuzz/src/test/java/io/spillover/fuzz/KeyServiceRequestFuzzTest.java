package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.KeyService;
import io.spillover.attest.keyservice.KeyServiceConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The key service's request bodies, sent over loopback to a key service on 127.0.0.1 (development
 * deployment, one function, one caller): every body gets an answer, never a 500, the service's
 * "internal error" for an exception no check typed. The first byte picks the endpoint.
 */
class KeyServiceRequestFuzzTest {
  private static final List<String> PATHS = List.of("/v1/nonce", "/v1/functions/compose/attest",
      "/v1/functions/compose/data-keys/model", "/v1/functions/compose/public-keyset");
  private static final KeyService SERVICE = start();
  private static final int PORT = SERVICE.uri().getPort();

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
    // the one connection this target makes on purpose: Jazzer's SSRF detector allows it alone
    // (per execution, as its detectors reset between runs)
    BugDetectors.allowNetworkConnections((host, port) -> port == PORT
        && ("127.0.0.1".equals(host) || "localhost".equals(host)));
    String path = PATHS.get(data.length == 0 ? 0 : Math.floorMod(data[0], PATHS.size()));
    byte[] body = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
    String method = path.endsWith("public-keyset") ? "GET" : "POST";
    // a fresh connection per request, closed by the reply: a pooled one the server has closed
    // would fail in the client, which says nothing about the service
    try (Socket socket = new Socket("127.0.0.1", PORT)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertThat(status).as("%s %s: the status line", method, path).isNotNull()
          .startsWith("HTTP/1.1 ");
      int code = Integer.parseInt(status.substring(9, 12));
      // 503 is the nonce store's documented back-pressure (maxNonces outstanding), which tens
      // of thousands of nonce requests reach; 500 is an exception no check typed
      assertThat(code).as("%s %s answered %s", method, path, status).isBetween(200, 599)
          .isNotEqualTo(500);
    }
  }
}
