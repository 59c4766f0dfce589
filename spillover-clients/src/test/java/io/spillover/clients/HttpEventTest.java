package io.spillover.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.clients.lambda.HttpEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpEventTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aCallBecomesAFormat20Event() {
    HttpCall call = new HttpCall("POST", "/orders/1", "a=1&b=2",
        Map.of("Content-Type", List.of("application/json"), "X-Multi", List.of("1", "2"),
            "Cookie", List.of("s=1; t=2")), "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    JsonNode e = json.readTree(HttpEvent.encode(call, "req-1", 1000L));
    assertThat(e.get("version").asString()).isEqualTo("2.0");
    assertThat(e.get("routeKey").asString()).isEqualTo("$default");
    assertThat(e.get("rawPath").asString()).isEqualTo("/orders/1");
    assertThat(e.get("rawQueryString").asString()).isEqualTo("a=1&b=2");
    assertThat(e.get("headers").get("x-multi").asString()).isEqualTo("1,2");
    assertThat(e.get("cookies")).hasSize(2);
    assertThat(e.get("requestContext").get("http").get("method").asString()).isEqualTo("POST");
    assertThat(e.get("requestContext").get("requestId").asString()).isEqualTo("req-1");
    assertThat(e.get("body").asString()).isEqualTo("{\"n\":1}");
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void binaryBodiesTravelBase64BothWays() {
    HttpCall call = new HttpCall("PUT", "/blob", "",
        Map.of("Content-Type", List.of("application/octet-stream")), new byte[] {0, (byte) 255});
    JsonNode e = json.readTree(HttpEvent.encode(call, "r", 1L));
    assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
    HttpResult r = HttpEvent.decodeReply(("{\"statusCode\":201,\"headers\":{\"a\":\"b\"},"
        + "\"body\":\"AP8=\",\"isBase64Encoded\":true}").getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).containsExactly(0, 255);
    assertThat(r.headers()).containsEntry("a", List.of("b"));
  }
}
