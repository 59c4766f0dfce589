package io.spillover.samples.inference.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.samples.inference.InferenceRequest;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import io.spillover.samples.inference.Vitals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The VM side alone: it serves its tenants' granted models and refuses the others itself. */
class VmInferenceTest {
  @Test
  void theVmServesGrantedModelsAndRefusesOthersWithoutATwin() {
    try (VmInference vm = VmInference.builder()
        .tenants(List.of(CallerIdentity.generate("a"), CallerIdentity.generate("b")))
        .grants(Map.of("triage", Set.of("a"), "sepsis", Set.of("b"))).build()) {
      Vitals v = new Vitals(120, 90, 38.8, 89);
      Prediction served = vm.infer("a", new InferenceRequest("p1", "triage", v));
      assertThat(served.outcome()).isEqualTo(Outcome.SERVED);
      assertThat(served.label()).isEqualTo("high");
      assertThat(served.servedBy()).isEqualTo("vm");
      assertThat(vm.infer("a", new InferenceRequest("p2", "sepsis", v)).outcome())
          .isEqualTo(Outcome.NOT_GRANTED);
      assertThat(vm.infer("b", new InferenceRequest("p3", "readmission", v)).outcome())
          .as("granted to nobody").isEqualTo(Outcome.NOT_GRANTED);
      assertThat(vm.infer("b", new InferenceRequest("p4", "weather", v)).outcome())
          .isEqualTo(Outcome.UNKNOWN_MODEL);
      assertThatThrownBy(() -> vm.infer("c", new InferenceRequest("p5", "triage", v)))
          .hasMessageContaining("unknown tenant 'c'");
    }
  }
}
