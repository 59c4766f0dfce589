package io.spillover.samples.inference.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.local.FunctionKind;
import io.spillover.samples.inference.Outcome;
import io.spillover.samples.inference.Prediction;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same twin as a Lambda function, spilled to through the Lambda provider. */
class LambdaTwinTest {
  @TempDir Path dir;

  @Test
  void theTwinRunsAsALambdaFunctionToo() throws Exception {
    try (TwinFixture f = new TwinFixture(dir, "lambda", 1, 2, 0, 1 << 20).hold()) {
      Prediction triage = f.call("clinic-a", "triage");
      Prediction refused = f.call("clinic-a", "readmission");
      assertThat(triage.outcome()).isEqualTo(Outcome.SERVED);
      assertThat(triage.servedBy()).isEqualTo("twin");
      assertThat(refused.outcome()).isEqualTo(Outcome.NOT_GRANTED);
      assertThat(refused.servedBy()).isEqualTo("twin");
      assertThat(f.deployment.stats(ScenarioDeployment.TWIN).kind())
          .isEqualTo(FunctionKind.LAMBDA);
      // two invocations, and each tenant's spillway checked its target with a dry-run Invoke
      assertThat(f.tap.seen().exchanges()).isEqualTo(2 + Tenants.NAMES.size());
      assertThat(f.tap.seen().plaintextBytes()).isZero();
    }
  }
}
