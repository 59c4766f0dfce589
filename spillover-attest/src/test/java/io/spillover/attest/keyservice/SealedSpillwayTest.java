package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.CallOptions;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.attest.seal.SessionOpener;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.function.Invocation;
import io.spillover.limit.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confidential call through a real spillway: the function twin attests to the key service, the
 * caller gets the signed public keyset, the excess call travels sealed and comes back sealed.
 */
class SealedSpillwayTest {
  private static final FunctionRef TARGET = FunctionRef.of("in-process", "compose");
  private static final String SECRET = "patient-7431-diagnosis";

  @TempDir Path dir;
  private KeyServiceFixture ks;

  @BeforeEach
  void start() throws Exception {
    ks = new KeyServiceFixture(dir);
  }

  @AfterEach
  void stop() {
    ks.close();
  }

  /** The request and reply type of the test service. */
  public static final class Note {
    public String text;

    public Note() {}

    Note(String text) {
      this.text = text;
    }
  }

  @Test
  void aConfidentialExcessCallSpillsSealedToTheAttestedTwin() throws Exception {
    SessionOpener opener = SessionOpener.builder().released(ks.client.attest("compose", ks.tee))
        .clock(ks.clock).build();
    FunctionApp twin = FunctionApp.builder().clock(ks.clock).sealedCallOpener(opener)
        .handle("compose-post", Note.class, Note.class, n -> new Note("twin:" + n.text))
        .sealedOnly("compose-post").build();
    List<String> wire = new CopyOnWriteArrayList<>();
    InProcessProvider inProcess = InProcessProvider.create().deploy("compose", twin);
    FunctionProvider recording = new FunctionProvider() {
      @Override public String name() { return "in-process"; }
      @Override public io.spillover.function.FunctionInvoker invoker(FunctionRef ref) {
        io.spillover.function.FunctionInvoker real = inProcess.invoker(ref);
        return new io.spillover.function.FunctionInvoker() {
          @Override public java.util.concurrent.CompletableFuture<byte[]> invoke(Invocation inv) {
            wire.add(new String(inv.payload(), StandardCharsets.UTF_8));
            return real.invoke(inv);
          }
          @Override public int maxRequestBytes() { return real.maxRequestBytes(); }
        };
      }
    };
    SealingCallSealer sealer = SealingCallSealer.builder().caller(ks.frontend).clock(ks.clock)
        .target(TARGET, ks.client.publicKeyset("compose", ks.frontend)).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SpilloverRegistry registry = SpilloverRegistry.builder().provider(recording)
        .callSealer(sealer).clock(ks.clock).tickInterval(Duration.ZERO).build()) {
      Spillway<Note, Note> sw = registry.spillway("compose-post", SpillwayConfig.custom()
          .limit(Limits.fixed(1)).function(TARGET).build(), Note.class, Note.class);
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      pool.submit(() -> sw.call(new Note("held"), n -> {
        holding.countDown();
        await(release);
        return n;
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      Note reply = sw.call(new Note(SECRET), CallOptions.builder().confidential().build(),
          n -> new Note("local"));
      release.countDown();
      assertThat(reply.text).isEqualTo("twin:" + SECRET);
      assertThat(sw.metrics().calls(Route.FUNCTION, Outcome.SUCCESS)).isEqualTo(1);
      assertThat(wire).singleElement().satisfies(w ->
          assertThat(w).contains("\"sealed\"").doesNotContain(SECRET).doesNotContain("\"body\""));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
