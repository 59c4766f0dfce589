package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.audit.AuditVerification;
import io.spillover.attest.keyservice.KeyServiceConfig;
import io.spillover.attest.keyservice.KeyServiceConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the attest module reads: the audit log (its verification reads every line and never
 * throws for a bad one: a broken chain is a verdict) and the key service's JSON config (a config
 * or {@link KeyServiceConfigException} naming the key).
 */
class AttestFilesFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("spillover-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Fuzz
  void auditLogLines(byte[] lines) throws IOException {
    Path file = Files.write(DIR.resolve("audit.jsonl"), lines);
    AuditVerification v = AuditLog.verify(file);
    assertThat(v.records()).isNotNegative();
    if (!v.valid()) {
      assertThat(v.reason()).isNotBlank();
    }
  }

  @Fuzz
  void keyServiceConfig(byte[] json) throws IOException {
    Path file = Files.write(DIR.resolve("keyservice.json"), json);
    try {
      assertThat(KeyServiceConfig.fromJson(file)).isNotNull();
    } catch (KeyServiceConfigException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
