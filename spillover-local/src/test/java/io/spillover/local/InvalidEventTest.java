package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeAction;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events are checked before they reach a worker: what the APIs refuse gets a typed reply and is
 * no invocation (no worker starts); an empty Lambda payload is the event {@code {}}, as on Lambda,
 * and no longer crashes the worker.
 */
class InvalidEventTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("events").build(), Fixtures.lambda("untouched").build(),
            Fixtures.action("untouched-ow").build())
        .maxConcurrency(4).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @AfterEach
  void nothingReachedTheUntouchedFunctions() {
    for (String name : new String[] {"untouched", "untouched-ow"}) {
      FunctionStats f = platform.stats().function(name);
      assertThat(f.invocations()).as(name + " invocations").isZero();
      assertThat(f.coldStarts()).as(name + " cold starts").isZero();
      assertThat(f.instances()).as(name + " instances").isZero();
    }
  }

  @Test
  void anEmptyLambdaPayloadIsTheEmptyEventAndTheWorkerLivesOn() throws Exception {
    long pid = invokeLambda(platform, "events", echo("before")).json().get("body").get("pid")
        .asLong();

    Fixtures.Reply empty = invokeLambda(platform, "events", new byte[0]);
    Fixtures.Reply after = invokeLambda(platform, "events", echo("after"));

    assertThat(empty.code()).isEqualTo(200);
    assertThat(empty.headers().get("X-Amz-Function-Error")).isNull();
    // the handler got {}: the FunctionApp's answer to an envelope with nothing in it
    assertThat(empty.json().get("ok").asBoolean()).isFalse();
    assertThat(empty.json().get("error").get("type").asString()).isEqualTo("MALFORMED");
    assertThat(after.json().get("cold").asBoolean()).isFalse();
    assertThat(after.json().get("body").get("pid").asLong()).isEqualTo(pid);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"v\":1,", "{} {}", "   ", "\"\\x\"", "[1,]"})
  void aLambdaPayloadThatIsNotJsonIsInvalidRequestContent(String payload) throws Exception {
    Fixtures.Reply r = invokeLambda(platform, "untouched", bytes(payload));

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidRequestContentException");
    assertThat(r.json().get("Type").asString()).isEqualTo("User");
    assertThat(r.json().get("message").asString())
        .startsWith("Could not parse request body into json: Could not parse payload into json:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{\"v\":1,", "{} []"})
  void anHttpFunctionBodyThatIsNotJsonIsRefused(String body) throws Exception {
    Fixtures.Reply r = Fixtures.post(platform.httpEndpoint("untouched").toString(), bytes(body));

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.json().get("error").get("type").asString()).isEqualTo("InvalidRequestContent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[1]", "\"text\"", "{\"v\":"})
  void anActionBehindHttpTakesOnlyAJsonObject(String body) throws Exception {
    Fixtures.Reply r = Fixtures.post(platform.httpEndpoint("untouched-ow").toString(),
        bytes(body));

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.json().get("error").get("type").asString()).isEqualTo("InvalidRequestContent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "{\"v\":", "{\"a\":1} x", "{garbage}"})
  void openWhiskParametersThatAreNotAJsonObjectAreMalformed(String params) throws Exception {
    Fixtures.Reply r = invokeAction(platform, "untouched-ow", bytes(params), 60_000);

    assertThat(r.code()).isEqualTo(400);
    assertThat(r.json().get("error").asString()).startsWith("The request content was malformed");
    assertThat(r.json().get("code").asString()).hasSize(32);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
