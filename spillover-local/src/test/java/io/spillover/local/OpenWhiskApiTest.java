package io.spillover.local;

import static io.spillover.local.Fixtures.invokeAction;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class OpenWhiskApiTest {
  @TempDir static Path work;
  static LocalPlatform platform;

  @BeforeAll
  static void start() {
    platform = LocalPlatform.builder()
        .functions(Fixtures.action("social/compose").concurrency(2).build(),
            Fixtures.action("fresh").build(), Fixtures.lambda("lambda-only").build())
        .maxConcurrency(4).workDir(work)
        .build().start();
  }

  @AfterAll
  static void stop() {
    platform.close();
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void blockingResultIsTheActionResultColdThenWarm() throws Exception {
    Fixtures.Reply first = invokeAction(platform, "fresh", Fixtures.echo("one"), 60_000);
    Fixtures.Reply second = invokeAction(platform, "fresh", Fixtures.echo("two"), 60_000);

    assertThat(first.code()).isEqualTo(200);
    assertThat(first.headers().get("x-openwhisk-activation-id")).hasSize(32);
    assertThat(first.json().get("ok").asBoolean()).isTrue();
    assertThat(first.json().get("cold").asBoolean()).isTrue();
    assertThat(second.json().get("cold").asBoolean()).isFalse();
    assertThat(second.json().get("body").get("text").asString()).isEqualTo("two");
  }

  @Test
  void applicationAndDeveloperErrorsAre502WithAnErrorField() throws Exception {
    Fixtures.Reply app = invokeAction(platform, "social/compose",
        "{\"appError\":\"no such user\"}".getBytes(StandardCharsets.UTF_8), 60_000);
    Fixtures.Reply thrown = invokeAction(platform, "social/compose",
        "{\"raise\":true}".getBytes(StandardCharsets.UTF_8), 60_000);

    assertThat(app.code()).isEqualTo(502);
    assertThat(app.json().get("error").asString()).isEqualTo("no such user");
    assertThat(thrown.code()).isEqualTo(502);
    assertThat(thrown.json().get("error").asString())
        .startsWith("An error has occurred (see logs for details): ")
        .contains("raised on purpose");
  }

  @Test
  void pastTheBlockingWaitIs202AndTheActivationCanBeFetchedLater() throws Exception {
    Holds holds = new Holds(work, "late");

    Fixtures.Reply accepted = invokeAction(platform, "social/compose", holds.envelope(), 100);

    assertThat(accepted.code()).isEqualTo(202);
    String id = accepted.json().get("activationId").asString();
    String url = platform.endpoint() + "/api/v1/namespaces/_/activations/" + id;
    assertThat(Fixtures.get(url).code()).isEqualTo(404);
    holds.release();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Fixtures.get(url).code() == 200);
    JsonNode record = Fixtures.get(url).json();
    assertThat(record.get("activationId").asString()).isEqualTo(id);
    assertThat(record.get("name").asString()).isEqualTo("compose");
    assertThat(record.get("response").get("status").asString()).isEqualTo("success");
    assertThat(record.get("response").get("result").get("body").get("text").asString())
        .isEqualTo("released");
  }

  @Test
  void oneContainerServesTheActionConcurrency() throws Exception {
    Holds holds = new Holds(work, "concurrent");
    CompletableFuture<Fixtures.Reply> a =
        Holds.async(() -> invokeAction(platform, "social/compose", holds.envelope(), 60_000));
    CompletableFuture<Fixtures.Reply> b =
        Holds.async(() -> invokeAction(platform, "social/compose", holds.envelope(), 60_000));
    holds.awaitStarted(2, platform);

    assertThat(platform.stats().function("social/compose").instances()).isEqualTo(1);
    assertThat(holds.started().get(0)).isEqualTo(holds.started().get(1));
    holds.release();
    assertThat(a.get().code()).isEqualTo(200);
    assertThat(b.get().code()).isEqualTo(200);
  }

  @Test
  void unknownActionsAndLambdaFunctionsAre404() throws Exception {
    Fixtures.Reply unknown = invokeAction(platform, "nope", Fixtures.echo("x"), 1000);
    Fixtures.Reply wrongKind = invokeAction(platform, "lambda-only", Fixtures.echo("x"), 1000);

    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.json().get("error").asString())
        .isEqualTo("The requested resource does not exist.");
    assertThat(wrongKind.code()).isEqualTo(404);
  }

  @Test
  void httpEndpointsTakeAndReturnEnvelopesForBothKinds() throws Exception {
    Fixtures.Reply ow = Fixtures.post(platform.httpEndpoint("fresh").toString(),
        Fixtures.echo("ow"));
    Fixtures.Reply lambda = Fixtures.post(platform.httpEndpoint("lambda-only").toString(),
        Fixtures.echo("lambda"));
    Fixtures.Reply missing = Fixtures.post(platform.httpEndpoint("nope").toString(),
        Fixtures.echo("x"));
    Fixtures.Reply raised = Fixtures.post(platform.httpEndpoint("lambda-only").toString(),
        "\"raise\"".getBytes(StandardCharsets.UTF_8));

    assertThat(ow.code()).isEqualTo(200);
    assertThat(ow.json().get("body").get("text").asString()).isEqualTo("ow");
    assertThat(lambda.code()).isEqualTo(200);
    assertThat(lambda.json().get("body").get("text").asString()).isEqualTo("lambda");
    assertThat(missing.code()).isEqualTo(404);
    assertThat(raised.code()).isEqualTo(502);
    assertThat(raised.json().get("error").get("message").asString()).contains("raised on purpose");
  }
}
