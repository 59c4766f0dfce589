package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.TwinInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Model packing on the local platform: one twin instance serves all three models, fetching each
 * model's key from the key service only when a call for it arrives, once per model (a second
 * tenant granted the same model costs no fetch), and evicting least recently used models to stay
 * under its memory bound (150 kB here: triage and readmission fit, sepsis and readmission do
 * not), after which the evicted model's next call fetches its key again.
 */
class ModelPackingTest {
  @TempDir Path dir;

  @Test
  void keysAreFetchedOncePerModelPerInstanceAndAgainOnlyAfterAnEviction() throws Exception {
    try (TwinFixture f = new TwinFixture(dir, "openwhisk", 4, 1, 0, 150_000).hold()) {
      TwinInstance a = served(f.call("clinic-a", "triage"));
      assertThat(a.keyFetches()).isEqualTo(1);
      assertThat(served(f.call("clinic-b", "triage")).keyFetches())
          .as("clinic-b is among the grantees the first release named").isEqualTo(1);
      assertThat(served(f.call("clinic-a", "sepsis")).keyFetches()).isEqualTo(2);
      TwinInstance afterReadmission = served(f.call("research", "readmission"));
      assertThat(afterReadmission.keyFetches()).isEqualTo(3);
      // 163 + 55,603 + 127,317 bytes > 150,000: the least recently used go until it fits
      assertThat(afterReadmission.evictions()).isEqualTo(2);
      TwinInstance triageAgain = served(f.call("clinic-b", "triage"));
      assertThat(triageAgain.keyFetches()).as("evicted: its key is fetched again").isEqualTo(4);
      assertThat(triageAgain.evictions()).isEqualTo(2);
      assertThat(served(f.call("clinic-b", "readmission")).keyFetches()).isEqualTo(4);
      assertThat(triageAgain.id()).isEqualTo(a.id());

      Map<String, Long> releases = f.audit("DATA_KEY_RELEASE").stream().collect(
          Collectors.groupingBy(r -> r.path("details").path("dataKey").asString(),
              Collectors.counting()));
      assertThat(releases).isEqualTo(Map.of("model-triage", 2L, "model-sepsis", 1L,
          "model-readmission", 1L));
      List<JsonNode> instance = f.audit("KEY_RELEASE");
      assertThat(instance).hasSize(1);
      String instanceKey = instance.get(0).path("details").path("instanceKey").asString();
      assertThat(f.audit("DATA_KEY_RELEASE")).allSatisfy(r ->
          assertThat(r.path("details").path("instanceKey").asString()).isEqualTo(instanceKey));
      assertThat(f.deployment.stats(ScenarioDeployment.TWIN).coldStarts()).isEqualTo(1);
    }
  }

  private static TwinInstance served(Prediction p) {
    assertThat(p.outcome()).isEqualTo(Outcome.SERVED);
    assertThat(p.servedBy()).isEqualTo("twin");
    return p.twin();
  }
}
