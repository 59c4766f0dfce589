package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.local.FunctionStats;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attested instance serves many concurrent sealed calls, as SeSeMI's enclave runtime does:
 * an OpenWhisk action of concurrency 8 on the local platform, at most one instance, takes eight
 * calls from three tenants at once. It attests once, verifies one session per tenant, and
 * answers all eight while they overlap.
 */
class ConcurrencyPerInstanceTest {
  @TempDir Path dir;

  @Test
  void oneAttestedInstanceServesConcurrentSealedCallsOfEveryTenant() throws Exception {
    try (TwinFixture f = new TwinFixture(dir, "openwhisk", 8, 1, 1500, 1 << 20).hold()) {
      f.call("clinic-a", "triage"); // the first call attests and fetches the model key alone
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<CompletableFuture<Prediction>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String tenant = Tenants.NAMES.get(i % 3);
        String model = Tenants.granted(tenant).get(0);
        calls.add(CompletableFuture.supplyAsync(() -> f.call(tenant, model), clients));
      }
      List<Prediction> answers = calls.stream().map(CompletableFuture::join).toList();
      clients.shutdown();
      assertThat(answers).allSatisfy(p -> {
        assertThat(p.outcome()).isEqualTo(Outcome.SERVED);
        assertThat(p.servedBy()).isEqualTo("twin");
      });
      assertThat(answers).extracting(p -> p.twin().id()).containsOnly(answers.get(0).twin().id());
      // each call sleeps 1.5 s in the twin: eight sent together overlap there
      assertThat(answers).extracting(p -> p.twin().inFlight()).anySatisfy(n ->
          assertThat(n).isGreaterThanOrEqualTo(4));
      assertThat(answers).extracting(p -> p.twin().sessions()).contains(3L);
      FunctionStats stats = f.deployment.stats(ScenarioDeployment.TWIN);
      assertThat(stats.coldStarts()).isEqualTo(1);
      assertThat(f.audit("KEY_RELEASE")).hasSize(1);
      assertThat(f.tap.seen().plaintextBytes()).isZero();
      assertThat(f.tap.seen().exchanges()).isEqualTo(9);
    }
  }
}
