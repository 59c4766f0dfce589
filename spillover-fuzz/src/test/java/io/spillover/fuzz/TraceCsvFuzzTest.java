package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.plan.Trace;
import io.spillover.plan.TraceFormatException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** A trace CSV ({@code ./spillover plan}) parses into a trace or fails with its typed error. */
class TraceCsvFuzzTest {
  @Fuzz
  void aTraceCsvParsesOrIsRefusedTyped(byte[] data) throws Exception {
    String csv = new String(data, StandardCharsets.UTF_8);
    try {
      Trace t = Trace.parse(new StringReader(csv), "fuzz.csv");
      assertThat(t.seconds()).isPositive();
      assertThat(t.total()).isNotNegative();
      assertThat(t.peak()).isLessThanOrEqualTo(t.total());
    } catch (TraceFormatException expected) {
      assertThat(expected.getMessage()).contains("fuzz.csv");
    }
  }
}
