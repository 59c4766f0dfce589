package io.spillover.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.codec.Codec;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionRef;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.http.HttpFunctionProvider;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spill benchmark's plumbing works (with the core's HTTP provider): a wrong setup would make it measure errors. */
class LoopbackSpillTest {
  private final Codec codec = Codec.json();
  private final Post post = Post.ofSize(1024);
  private LoopbackFunctionHost host;
  private OkHttpClient client;
  private HttpFunctionProvider provider;

  @BeforeEach
  void start() throws Exception {
    FunctionApp app = FunctionApp.builder().codec(codec)
        .handle("compose-post", Post.class, Post.class, p -> {
          p.author++;
          return p;
        }).build();
    host = LoopbackFunctionHost.start(app, 2);
    client = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
    provider = HttpFunctionProvider.builder().okHttpClient(client).build();
  }

  @AfterEach
  void stop() {
    provider.close();
    host.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void templateEnvelopesGetFreshIdsAndTheGivenDeadline() {
    EnvelopeTemplate template = new EnvelopeTemplate("compose-post", codec.encode(post));
    long deadline = System.currentTimeMillis() + 1000;
    RequestEnvelope first = EnvelopeFormat.decodeRequest(template.next(deadline));
    RequestEnvelope second = EnvelopeFormat.decodeRequest(template.next(deadline + 1));
    assertThat(first.id).hasSize(36).isNotEqualTo(second.id);
    assertThat(first.deadlineEpochMillis).isEqualTo(deadline);
    assertThat(second.deadlineEpochMillis).isEqualTo(deadline + 1);
    assertThat(codec.decode(first.body, Post.class).text).isEqualTo(post.text);
    assertThatThrownBy(() -> template.next(42)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerPostsTheEnvelopeAndReturnsTheReply() throws Exception {
    assertThat(codec.encode(post).length).isBetween(900, 1100);
    EnvelopeTemplate template = new EnvelopeTemplate("compose-post", codec.encode(post));
    long deadline = System.currentTimeMillis() + 5000;
    byte[] request = template.next(deadline);
    String id = EnvelopeFormat.decodeRequest(request).id;
    byte[] reply = provider.invoker(FunctionRef.of("http", host.url()))
        .invoke(new Invocation(id, "compose-post", request, deadline, false))
        .get(10, TimeUnit.SECONDS);
    ResponseEnvelope envelope = EnvelopeFormat.decodeResponse(reply);
    assertThat(envelope.ok).isTrue();
    assertThat(envelope.id).isEqualTo(id);
    assertThat(codec.decode(envelope.body, Post.class).author).isEqualTo(post.author + 1);
  }

  @Test
  void anHttpErrorIsATransportFailure() {
    String wrongPath = host.url().replace(LoopbackFunctionHost.PATH, "/nothing-here");
    long deadline = System.currentTimeMillis() + 5000;
    Invocation invocation = new Invocation("x", "compose-post", new byte[] {'{', '}'}, deadline,
        false);
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("http", wrongPath))
        .invoke(invocation).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(FunctionTransportException.class)
        .hasMessageContaining("404");
  }

  @Test
  void targetsMustBeUrlsOfThisProvider() {
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("http", "compose")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provider.invoker(FunctionRef.of("lambda", host.url())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
