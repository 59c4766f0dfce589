package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-tenant grants, decided by the key service and enforced inside the twin: a call for a model
 * its tenant is not granted is opened (so the refusal is sealed to the tenant), refused without
 * any key for the model reaching the instance, and audited by the key service once per instance,
 * tenant and model; repeats are refused from the instance's memory.
 */
class GrantsTest {
  @TempDir Path dir;

  @Test
  void aModelTheTenantIsNotGrantedIsRefusedInTheTwinAuditedAndNeverDecrypted() throws Exception {
    try (TwinFixture f = new TwinFixture(dir, "openwhisk", 4, 1, 0, 1 << 20).hold()) {
      Prediction refused = f.call("research", "triage");
      assertThat(refused.outcome()).isEqualTo(Outcome.NOT_GRANTED);
      assertThat(refused.servedBy()).isEqualTo("twin");
      assertThat(refused.label()).isEmpty();
      assertThat(refused.twin().keyFetches()).isZero();
      assertThat(refused.twin().refusals()).isEqualTo(1);
      assertThat(f.audit("DATA_KEY_REFUSED")).singleElement().satisfies(r -> {
        assertThat(r.path("details").path("caller").asString()).isEqualTo("research");
        assertThat(r.path("details").path("dataKey").asString()).isEqualTo("model-triage");
      });
      assertThat(f.audit("DATA_KEY_RELEASE")).isEmpty();

      Prediction granted = f.call("clinic-a", "triage");
      assertThat(granted.outcome()).isEqualTo(Outcome.SERVED);
      assertThat(granted.twin().keyFetches()).isEqualTo(1);
      Prediction again = f.call("research", "triage");
      assertThat(again.outcome()).isEqualTo(Outcome.NOT_GRANTED);
      assertThat(again.twin().refusals()).isEqualTo(2);
      assertThat(f.audit("DATA_KEY_REFUSED")).as("remembered in the twin, not asked again")
          .hasSize(1);

      assertThat(f.call("clinic-a", "readmission").outcome()).isEqualTo(Outcome.NOT_GRANTED);
      assertThat(f.audit("DATA_KEY_REFUSED")).hasSize(2);
      assertThat(f.audit("DATA_KEY_RELEASE")).singleElement().satisfies(r -> assertThat(
          r.path("details").path("dataKey").asString()).isEqualTo("model-triage"));
      assertThat(f.tap.seen().exchanges()).isEqualTo(4);
      assertThat(f.tap.seen().plaintextBytes()).as("refusals travel sealed like answers")
          .isZero();
    }
  }
}
