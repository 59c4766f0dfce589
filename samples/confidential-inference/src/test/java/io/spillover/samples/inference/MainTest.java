package io.spillover.samples.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @Test
  void theDemoReportsNoPlaintextOnTheWireAndNoKeyForTheDebugTwin(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Main.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("attested twin: ").contains(" 0 plain-text bodies")
        .contains("model key released to the debug twin: false")
        .contains("debug twin: 50 local, 0 spilled")
        .doesNotContain("chain valid: false").contains("policy refuses debug");
  }
}
