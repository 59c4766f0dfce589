package io.spillover.openwhisk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.spillover.testing.Envelopes;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.ResponseEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The action adapter driven with the parameters OpenWhisk passes to a Java action. */
class SpilloverActionTest {

  @Test
  void theEnvelopeInTheParametersRunsAndTheReplyIsWrapped() {
    JsonObject params = params(envelope("id-1", "{\"text\":\"hello\"}"));
    params.addProperty("boundDefault", "ignored"); // default parameters are merged in by OpenWhisk

    JsonObject result = SpilloverAction.main(params);

    ResponseEnvelope reply = reply(result.getAsJsonObject("envelope"));
    assertThat(reply.ok).isTrue();
    assertThat(reply.id).isEqualTo("id-1");
    assertThat(new String(reply.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":5}");
  }

  @Test
  void aHandlerErrorIsAnErrorEnvelopeNotATopLevelError() {
    JsonObject result = SpilloverAction.main(params(envelope("id-2", "{\"text\":\"fail\"}")));

    assertThat(result.has("error")).isFalse(); // OpenWhisk would keep only that field
    ResponseEnvelope reply = reply(result.getAsJsonObject("envelope"));
    assertThat(reply.errorType).isEqualTo("HANDLER_ERROR");
    assertThat(reply.errorMessage).contains("refused");
  }

  @Test
  void malformedParametersGetAnErrorEnvelope() {
    for (String bad : new String[] {"{}", "{\"v\":2,\"id\":\"x\"}", "{\"v\":\"one\"}",
        "{\"v\":2,\"id\":7,\"svc\":\"compose-post\",\"deadline\":1,\"body\":{}}"}) {
      JsonObject result = SpilloverAction.main(JsonParser.parseString(bad).getAsJsonObject());
      assertThat(reply(result.getAsJsonObject("envelope")).errorType).as(bad).isEqualTo("MALFORMED");
    }
    assertThat(reply(SpilloverAction.main(null).getAsJsonObject("envelope")).errorType)
        .isEqualTo("MALFORMED");
  }

  @Test
  void aWebActionReadsTheBodyAndAnswersWithTheBareEnvelope() {
    JsonObject raw = new JsonObject();
    raw.addProperty("__ow_method", "post");
    raw.addProperty("__ow_body", envelope("id-3a", "{\"text\":\"web\"}"));
    JsonObject binary = new JsonObject();
    binary.addProperty("__ow_method", "post");
    binary.addProperty("__ow_body", Base64.getEncoder().encodeToString(
        envelope("id-3b", "{\"text\":\"web\"}").getBytes(StandardCharsets.UTF_8)));
    JsonObject merged = params(envelope("id-3c", "{\"text\":\"web\"}"));
    merged.addProperty("__ow_method", "post");
    merged.add("__ow_headers", new JsonObject());

    for (JsonObject args : new JsonObject[] {raw, binary, merged}) {
      JsonObject result = SpilloverAction.main(args);
      assertThat(result.get("statusCode").getAsInt()).isEqualTo(200);
      assertThat(result.getAsJsonObject("headers").get("Content-Type").getAsString())
          .isEqualTo("application/json");
      ResponseEnvelope reply = reply(result.getAsJsonObject("body"));
      assertThat(reply.ok).as(args.toString()).isTrue();
      assertThat(new String(reply.body, StandardCharsets.UTF_8)).isEqualTo("{\"length\":3}");
    }
  }

  @Test
  void anAppThatCannotBeBuiltIsAnActionErrorAndIsRetried() {
    AtomicInteger attempts = new AtomicInteger();
    SpilloverAction action = SpilloverAction.of(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("no model key");
      }
      return new TestAppFactory().create();
    });
    JsonObject params = params(envelope("id-4", "{\"text\":\"x\"}"));

    assertThat(action.run(params).get("error").getAsString()).contains("no model key");
    assertThat(reply(action.run(params).getAsJsonObject("envelope")).ok).isTrue();
    assertThat(action.run(params).has("envelope")).isTrue();
    assertThat(attempts.get()).isEqualTo(2);
  }

  static String envelope(String id, String body) {
    return new String(Envelopes.request(id, "compose-post", System.currentTimeMillis() + 60_000,
        body), StandardCharsets.UTF_8);
  }

  private static JsonObject params(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  private static ResponseEnvelope reply(JsonObject envelope) {
    return EnvelopeFormat.decodeResponse(envelope.toString().getBytes(StandardCharsets.UTF_8));
  }
}
