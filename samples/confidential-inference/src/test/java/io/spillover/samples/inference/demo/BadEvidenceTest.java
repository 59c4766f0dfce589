package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A twin whose evidence shows a debuggable TEE, or another image's measurement, on the local
 * platform: the key service releases it nothing, it refuses the sealed call with a plain
 * {@code SEALING_REJECTED} the caller cannot authenticate, and the call runs on the VM once a
 * local permit frees up. The refusal and the unauthenticated reply are both audited.
 */
class BadEvidenceTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"debug, debuggable environment; policy refuses debug",
      "measurement, is not allowed by the policy"})
  void anUnattestedTwinGetsNoKeyAndItsCallsRunOnTheVm(String evidence, String reason)
      throws Exception {
    try (TwinFixture f = TwinFixture.unattested(dir, evidence).hold()) {
      CompletableFuture<Prediction> call =
          CompletableFuture.supplyAsync(() -> f.call("clinic-a", "triage"));
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> !f.audit("SEALED_REPLY_TAMPERED").isEmpty());
      f.release(); // the spill failed: now the VM has room for it
      Prediction p = call.get();
      assertThat(p.outcome()).isEqualTo(Outcome.SERVED);
      assertThat(p.servedBy()).isEqualTo("vm");
      assertThat(f.audit("KEY_RELEASE")).isEmpty();
      assertThat(f.audit("DATA_KEY_RELEASE")).isEmpty();
      assertThat(f.audit("KEY_RELEASE_REFUSED")).singleElement().satisfies(r -> assertThat(
          r.path("details").path("reason").asString()).contains(reason));
      assertThat(f.tap.seen().plaintextBytes()).isZero();
    }
  }
}
