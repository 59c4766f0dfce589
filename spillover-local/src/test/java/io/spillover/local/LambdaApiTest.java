package io.spillover.local;

import static io.spillover.local.Fixtures.echo;
import static io.spillover.local.Fixtures.invokeLambda;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LambdaApiTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.lambda("social").build(), Fixtures.lambda("fresh").build(),
            FunctionSpec.lambda("broken", "io.spillover.local.testfn.BrokenLambdaHandler").build())
        .maxConcurrency(4).idleTimeout(Duration.ofMinutes(5)).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void coldThenWarmOnTheSameInstance() throws Exception {
    Fixtures.Reply first = invokeLambda(platform, "fresh", echo("one"));
    Fixtures.Reply second = invokeLambda(platform, "fresh", echo("two"));

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.headers().get("X-Amz-Function-Error")).isNull();
    assertThat(first.headers().get("X-Amz-Executed-Version")).isEqualTo("$LATEST");
    JsonNode a = first.json();
    JsonNode b = second.json();
    assertThat(a.get("ok").asBoolean()).isTrue();
    assertThat(a.get("body").get("text").asString()).isEqualTo("one");
    assertThat(a.get("cold").asBoolean()).isTrue();
    assertThat(b.get("cold").asBoolean()).isFalse();
    assertThat(b.get("body").get("pid").asLong()).isEqualTo(a.get("body").get("pid").asLong());
    assertThat(platform.stats().function("fresh").coldStarts()).isEqualTo(1);
    assertThat(platform.stats().lambdaRuntime()).isIn("ric", "builtin");
    System.out.println("Lambda runtime: " + platform.stats().lambdaRuntime());
  }

  @Test
  void aHandlerThatThrowsIsAnUnhandledFunctionError() throws Exception {
    Fixtures.Reply r = invokeLambda(platform, "social",
        "\"raise\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.headers().get("X-Amz-Function-Error")).isEqualTo("Unhandled");
    assertThat(r.json().get("errorType").asString()).isEqualTo("java.lang.IllegalStateException");
    assertThat(r.json().get("errorMessage").asString()).isEqualTo("raised on purpose in social");
    assertThat(invokeLambda(platform, "social", echo("after")).json().get("ok").asBoolean())
        .isTrue();
  }

  @Test
  void aHandlerThatCannotInitializeIsAnUnhandledInitError() throws Exception {
    Fixtures.Reply r = invokeLambda(platform, "broken", echo("x"));

    assertThat(r.code()).isEqualTo(200);
    assertThat(r.headers().get("X-Amz-Function-Error")).isEqualTo("Unhandled");
    assertThat(r.text()).contains("cannot initialize on purpose");
    assertThat(platform.stats().function("broken").errors()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void unknownFunctionIsResourceNotFound() throws Exception {
    Fixtures.Reply r = invokeLambda(platform, "nope", echo("x"));

    assertThat(r.code()).isEqualTo(404);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
    assertThat(r.json().get("Type").asString()).isEqualTo("User");
    assertThat(r.json().get("message").asString()).contains("function:nope");
  }

  @Test
  void payloadOverSixMegabytesIsRequestTooLarge() throws Exception {
    byte[] big = new byte[6 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');

    Fixtures.Reply r = invokeLambda(platform, "social", big);

    assertThat(r.code()).isEqualTo(413);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");
    assertThat(r.json().get("message").asString()).contains("6291456");
  }

  @Test
  void acceptsArnsQualifiersAndDryRuns() throws Exception {
    String arn = java.net.URLEncoder.encode("arn:aws:lambda:us-east-1:000000000000:function:social",
        java.nio.charset.StandardCharsets.UTF_8);
    Fixtures.Reply byArn = invokeLambda(platform, arn, echo("arn"));
    Fixtures.Reply byAlias = invokeLambda(platform, "social:live", echo("alias"));
    Fixtures.Reply dryRun = Fixtures.post(platform.endpoint()
        + "/2015-03-31/functions/social/invocations", echo("dry"), "X-Amz-Invocation-Type",
        "DryRun");

    assertThat(byArn.json().get("body").get("text").asString()).isEqualTo("arn");
    assertThat(byAlias.json().get("body").get("text").asString()).isEqualTo("alias");
    assertThat(dryRun.code()).isEqualTo(204);
  }

  @Test
  void statusReportsTheRuntimeAndTheBill() throws Exception {
    invokeLambda(platform, "social", echo("bill"));

    JsonNode status = Fixtures.get(platform.endpoint() + "/status").json();

    assertThat(status.get("lambdaRuntime").asString()).isIn("ric", "builtin");
    assertThat(status.get("billedGbSeconds").asDouble()).isPositive();
    FunctionStats social = platform.stats().function("social");
    assertThat(social.billedMillis()).isPositive();
    assertThat(social.gbSeconds()).isEqualTo(social.billedMillis() / 1000.0 * 256 / 1024.0);
    assertThat(platform.stats().costReport()).contains("social").contains("total");
  }
}
