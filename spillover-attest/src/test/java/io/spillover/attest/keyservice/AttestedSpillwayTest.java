package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.CallOptions;
import io.spillover.Outcome;
import io.spillover.Route;
import io.spillover.SpilloverRegistry;
import io.spillover.Spillway;
import io.spillover.SpillwayConfig;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.function.FunctionApp;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionProvider;
import io.spillover.function.FunctionRef;
import io.spillover.function.InProcessProvider;
import io.spillover.function.Invocation;
import io.spillover.limit.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * A confidential call through a real spillway to a function twin that bootstraps itself with
 * {@link AttestedFunction}: key service on loopback, instance in process, sealed on the wire.
 */
class AttestedSpillwayTest {
  private static final FunctionRef TARGET = FunctionRef.of("in-process", "compose");
  private static final String SECRET = "patient-7431-diagnosis";

  @TempDir Path dir;
  private KeyServiceFixture ks;
  private final List<String> wire = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private volatile CountDownLatch release = new CountDownLatch(0);

  @BeforeEach
  void start() throws Exception {
    // refusals are audited once per source and window: a window shorter than the instance's
    // retryAfter (5 s) makes each refusal the test provokes a record of its own
    ks = new KeyServiceFixture(dir, b -> b.refusalAuditWindow(Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
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

  private AttestedFunction instance(EvidenceSource tee) {
    return AttestedFunction.builder().function("compose").keyService(ks.client)
        .evidenceSource(tee).clock(ks.clock).retryAfter(Duration.ofSeconds(5)).build();
  }

  /**
   * Spills one confidential call (the only local permit is held until the spill has answered, so
   * a refused spill can fall back locally) and returns its reply.
   */
  private Note spillOne(AttestedFunction attested) throws Exception {
    FunctionApp twin = FunctionApp.builder().clock(ks.clock).sealedCallOpener(attested)
        .handle("compose-post", Note.class, Note.class, n -> new Note("twin:" + n.text))
        .sealedOnly("compose-post").build();
    SealingCallSealer sealer = SealingCallSealer.builder().caller(ks.frontend).clock(ks.clock)
        .target(TARGET, ks.client.publicKeyset("compose", ks.frontend)).build();
    try (SpilloverRegistry registry = SpilloverRegistry.builder()
        .provider(tap(InProcessProvider.create().deploy("compose", twin)))
        .callSealer(sealer).clock(ks.clock).tickInterval(Duration.ZERO).build()) {
      Spillway<Note, Note> sw = registry.spillway("compose-post", SpillwayConfig.custom()
          .limit(Limits.fixed(1)).function(TARGET).build(), Note.class, Note.class);
      CountDownLatch holding = new CountDownLatch(1);
      release = new CountDownLatch(1);
      pool.submit(() -> sw.call(new Note("held"), n -> {
        holding.countDown();
        await(release);
        return n;
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      try {
        return sw.call(new Note(SECRET), CallOptions.builder().confidential().idempotent(true)
            .build(),
            n -> new Note("local"));
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void theTwinAttestsOnItsFirstSealedCallAndAnswersIt() throws Exception {
    AttestedFunction attested = instance(ks.tee);
    assertThat(attested.isAttested()).isFalse();
    assertThat(Files.readString(ks.auditFile)).doesNotContain("\"kind\":\"KEY_RELEASE\"");

    assertThat(spillOne(attested).text).isEqualTo("twin:" + SECRET);
    assertThat(attested.isAttested()).isTrue();
    assertThat(attested.sessionsVerified()).isEqualTo(1);
    assertThat(attested.dataKey("model")).isNotNull();
    assertThat(wire).singleElement().satisfies(w ->
        assertThat(w).contains("\"sealed\"").doesNotContain(SECRET).doesNotContain("\"body\""));
  }

  @Test
  void anInstanceThatCannotAttestRefusesSealedCallsAndTheCallerFallsBackLocally()
      throws Exception {
    AttestedFunction debug = instance(ks.tee(KeyServiceFixture.MEASUREMENT, true, ks.teeKey));
    assertThat(spillOne(debug).text).isEqualTo("local");
    assertThat(debug.isAttested()).isFalse();
    assertThat(refusals()).isEqualTo(1);

    spillOne(debug); // within retryAfter: the key service is not asked again
    assertThat(refusals()).isEqualTo(1);
    ks.clock.advance(Duration.ofSeconds(6));
    spillOne(debug);
    assertThat(refusals()).isEqualTo(2);
    assertThat(Files.readString(ks.auditFile)).doesNotContain("\"kind\":\"KEY_RELEASE\"");
  }

  private long refusals() throws Exception {
    return Files.readAllLines(ks.auditFile).stream()
        .filter(l -> l.contains("\"kind\":\"KEY_RELEASE_REFUSED\"")).count();
  }

  /** Records every envelope the provider sends. */
  private FunctionProvider tap(FunctionProvider real) {
    return new FunctionProvider() {
      @Override public String name() {
        return real.name();
      }

      @Override public FunctionInvoker invoker(FunctionRef ref) {
        FunctionInvoker inner = real.invoker(ref);
        return new FunctionInvoker() {
          @Override public CompletableFuture<byte[]> invoke(Invocation inv) {
            wire.add(new String(inv.payload(), StandardCharsets.UTF_8));
            return inner.invoke(inv).whenComplete((r, e) -> release.countDown());
          }

          @Override public int maxRequestBytes() {
            return inner.maxRequestBytes();
          }
        };
      }
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
