package io.spillover.samples.inference.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.spillover.SpilloverClock;
import io.spillover.attest.keyservice.DataKeyNotGrantedException;
import io.spillover.attest.keyservice.GrantedDataKey;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.model.ModelCatalog;
import io.spillover.samples.inference.model.SealedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The twin's model cache with a stand-in key service (grants: triage to a and b, sepsis to a,
 * readmission to b) and an injected clock: what is fetched when, what is evicted, what is
 * remembered of refusals, and that a refused caller gets no key and nothing is decrypted.
 */
class ModelCacheTest {
  private static final Map<String, Set<String>> GRANTS = Map.of("model-triage", Set.of("a", "b"),
      "model-sepsis", Set.of("a"), "model-readmission", Set.of("b"));
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final SpilloverClock clock = new SpilloverClock() {
    @Override public long nanoTime() {
      return now.get() * 1_000_000;
    }

    @Override public long epochMillis() {
      return now.get();
    }
  };
  private final Map<String, KeysetHandle> keys = new HashMap<>();
  private final Map<String, byte[]> artifacts = new HashMap<>();
  /** Every (data key, caller) the key service was asked for. */
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final List<String> read = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch keyServiceGate = new CountDownLatch(0);

  ModelCacheTest() throws Exception {
    AeadConfig.register();
    for (String m : ModelCatalog.NAMES) {
      KeysetHandle k = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      keys.put(ModelCatalog.dataKey(m), k);
      artifacts.put(m, SealedModel.seal(ModelCatalog.reference(m), k.getPrimitive(
          com.google.crypto.tink.RegistryConfiguration.get(), Aead.class)));
    }
  }

  private GrantedDataKey keyService(String dataKey, String caller) {
    asked.add(dataKey + "/" + caller);
    try {
      keyServiceGate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!GRANTS.get(dataKey).contains(caller)) {
      throw new DataKeyNotGrantedException("inference", dataKey, caller);
    }
    return new GrantedDataKey("inference", dataKey, keys.get(dataKey), GRANTS.get(dataKey),
        now.get());
  }

  private ModelCache cache(long maxBytes, int maxRefusals) {
    return new ModelCache(this::keyService, m -> {
      read.add(m);
      return artifacts.get(m);
    }, maxBytes, clock, 60_000, maxRefusals);
  }

  @Test
  void aModelIsFetchedOnceForAllItsGranteesAndRefusedToOthersWithoutAKeyOrADecryption() {
    ModelCache c = cache(1 << 20, 16);
    assertThat(c.open("triage", "a").outcome()).isEqualTo(Outcome.SERVED);
    assertThat(c.open("triage", "b").model().name()).isEqualTo("triage");
    assertThat(c.open("sepsis", "b").outcome()).isEqualTo(Outcome.NOT_GRANTED);
    assertThat(c.open("sepsis", "b").outcome()).isEqualTo(Outcome.NOT_GRANTED);
    assertThat(asked).containsExactly("model-triage/a", "model-sepsis/b");
    assertThat(read).containsExactly("triage");
    assertThat(c.stats()).satisfies(s -> {
      assertThat(s.keyFetches()).isEqualTo(1);
      assertThat(s.refusals()).isEqualTo(2);
      assertThat(s.opened()).isEqualTo(1);
      assertThat(s.models()).containsExactly("triage");
    });
  }

  @Test
  void aCallerNotAmongAnOpenModelsGranteesIsAskedForOnceSoTheKeyServiceAuditsIt() {
    ModelCache c = cache(1 << 20, 16);
    c.open("readmission", "b");
    assertThat(c.open("readmission", "a").outcome()).isEqualTo(Outcome.NOT_GRANTED);
    assertThat(c.open("readmission", "a").outcome()).isEqualTo(Outcome.NOT_GRANTED);
    assertThat(asked).containsExactly("model-readmission/b", "model-readmission/a");
  }

  @Test
  void aRefusalIsRememberedForItsTtlAndTheOldestIsForgottenWhenTheMemoryIsFull() {
    ModelCache c = cache(1 << 20, 1);
    c.open("sepsis", "b");
    c.open("sepsis", "b");
    assertThat(asked).hasSize(1);
    now.addAndGet(60_000);
    c.open("sepsis", "b");
    assertThat(asked).as("asked again after the TTL").hasSize(2);
    c.open("readmission", "a"); // a second refusal pushes the first out of a memory of one
    c.open("sepsis", "b");
    assertThat(asked).containsExactly("model-sepsis/b", "model-sepsis/b", "model-readmission/a",
        "model-sepsis/b");
  }

  @Test
  void theLeastRecentlyUsedModelsAreEvictedUntilTheNewOneFitsAndTheirKeysFetchedAgain() {
    ModelCache c = cache(150_000, 16); // triage 163 B, sepsis 55,603 B, readmission 127,317 B
    c.open("triage", "a");
    c.open("sepsis", "a");
    c.open("triage", "a"); // now sepsis is the least recently used
    c.open("readmission", "b");
    assertThat(c.stats().models()).containsExactly("triage", "readmission");
    assertThat(c.stats().evictions()).isEqualTo(1);
    assertThat(c.stats().bytes()).isEqualTo(163 + 127_317).isLessThanOrEqualTo(150_000);
    c.open("triage", "a"); // readmission is the least recently used now
    c.open("sepsis", "a");
    assertThat(c.stats().models()).containsExactly("triage", "sepsis");
    assertThat(c.stats().keyFetches()).isEqualTo(4);
    assertThat(asked).containsExactly("model-triage/a", "model-sepsis/a", "model-readmission/b",
        "model-sepsis/a");
  }

  @Test
  void aModelHeavierThanTheWholeBoundIsServedAndDroppedAtOnce() {
    ModelCache c = cache(100_000, 16);
    assertThat(c.open("readmission", "b").outcome()).isEqualTo(Outcome.SERVED);
    assertThat(c.stats().models()).isEmpty();
    assertThat(c.stats().bytes()).isZero();
    c.open("readmission", "b");
    assertThat(c.stats().keyFetches()).isEqualTo(2);
  }

  @Test
  void concurrentFirstCallsForAModelFetchItsKeyOnce() throws Exception {
    ModelCache c = cache(1 << 20, 16);
    keyServiceGate = new CountDownLatch(1);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r);
      threads.add(t);
      return t;
    });
    try {
      List<CompletableFuture<Outcome>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String caller = i % 2 == 0 ? "a" : "b";
        calls.add(CompletableFuture.supplyAsync(() -> c.open("triage", caller).outcome(), pool));
      }
      // one call is in the key service, held; the seven others wait for its answer
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 8
          && threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() == 7);
      assertThat(asked).hasSize(1);
      keyServiceGate.countDown();
      assertThat(calls).allSatisfy(f -> assertThat(f.get()).isEqualTo(Outcome.SERVED));
    } finally {
      pool.shutdownNow();
    }
    assertThat(asked).singleElement().asString().startsWith("model-triage/");
  }

  @Test
  void anUnknownModelIsNeitherFetchedNorRead() {
    ModelCache c = cache(1 << 20, 16);
    assertThat(c.open("weights-of-another-tenant", "a").outcome())
        .isEqualTo(Outcome.UNKNOWN_MODEL);
    assertThat(asked).isEmpty();
    assertThat(read).isEmpty();
  }
}
