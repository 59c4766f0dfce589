package io.spillover.spring.boot.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.spring.boot.SpilloverAutoConfiguration;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractDataBufferDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * A spill through the WebClient that Boot builds: subscribing returns before the twin answers
 * (nothing waits on the caller's thread), and the twin's reply is decoded with that builder's own
 * codecs, as the destination's would be.
 */
class WebClientSpillTest {
  private final Loopback destination = new Loopback();
  private final Loopback twin = new Loopback();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch held = new CountDownLatch(1);

  /** A type only the application's codec can read. */
  record Word(String text) {}

  static final class WordDecoder extends AbstractDataBufferDecoder<Word> {
    WordDecoder() {
      super(MimeTypeUtils.TEXT_PLAIN);
    }

    @Override
    public boolean canDecode(ResolvableType type, @Nullable MimeType mime) {
      return Word.class.equals(type.toClass()) && super.canDecode(type, mime);
    }

    @Override
    public Word decode(DataBuffer buffer, ResolvableType type, @Nullable MimeType mime,
        @Nullable Map<String, Object> hints) {
      Word w = new Word(buffer.toString(StandardCharsets.UTF_8));
      org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
      return w;
    }
  }

  @Configuration
  static class App {
    @Bean
    WebClientCustomizer wordCodec() {
      return b -> b.codecs(c -> c.customCodecs().register(new DecoderHttpMessageReader<>(
          new WordDecoder())));
    }
  }

  WebClientSpillTest() throws IOException {
    destination.behaviour = ex -> {
      held.countDown();
      await(release);
      Loopback.reply(ex, 200, "destination");
    };
  }

  @AfterEach
  void stop() {
    release.countDown();
    destination.close();
    twin.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SpilloverAutoConfiguration.class,
            SpilloverClientsAutoConfiguration.class, WebClientAutoConfiguration.class))
        .withUserConfiguration(App.class)
        .withPropertyValues("spillover.clients.logic.base-url=" + destination.url(),
            "spillover.clients.logic.function.url=" + twin.url(),
            "spillover.clients.logic.limit.initial=1", "spillover.clients.logic.limit.min=1",
            "spillover.clients.logic.limit.max=1", "spillover.clients.logic.limit.max-wait=1ms");
  }

  private Disposable hold(WebClient c) {
    Disposable d = c.get().uri(URI.create(destination.url() + "/hold")).retrieve()
        .bodyToMono(String.class).subscribe();
    await(held);
    assertThat(held.getCount()).isZero();
    return d;
  }

  @Test
  void aSpilledReplyIsDecodedWithTheBuildersOwnCodecs() {
    twin.behaviour = ex -> Loopback.reply(ex, 200, "from-twin");
    runner().run(ctx -> {
      WebClient c = ctx.getBean(WebClient.Builder.class).build();
      Disposable holder = hold(c);
      Word w = c.get().uri(URI.create(destination.url() + "/w")).retrieve()
          .bodyToMono(Word.class).block(Duration.ofSeconds(20));
      assertThat(w).isEqualTo(new Word("from-twin"));
      assertThat(twin.received).containsExactly("GET /w");
      holder.dispose();
    });
  }

  @Test
  void subscribingToASpilledCallReturnsBeforeTheTwinAnswers() {
    CountDownLatch atTwin = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    twin.behaviour = ex -> {
      atTwin.countDown();
      await(answer);
      Loopback.reply(ex, 200, "late");
    };
    runner().run(ctx -> {
      WebClient c = ctx.getBean(WebClient.Builder.class).build();
      Disposable holder = hold(c);
      AtomicReference<Object> outcome = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      c.get().uri(URI.create(destination.url() + "/s")).retrieve().bodyToMono(String.class)
          .subscribe(v -> {
            outcome.set(v);
            done.countDown();
          }, e -> {
            outcome.set(e);
            done.countDown();
          });
      // a subscribe that waited for the twin would return only after the twin's 20 s latch
      assertThat(outcome.get()).isNull();
      await(atTwin);
      assertThat(atTwin.getCount()).isZero();
      answer.countDown();
      await(done);
      assertThat(outcome.get()).isEqualTo("late");
      holder.dispose();
    });
  }
}
