package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.ManualClock;
import io.spillover.attest.audit.AuditLog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A key service on loopback with a development TEE simulator, one function ("compose") whose
 * policy admits measurement {@link #MEASUREMENT} and caller "frontend", and a registered caller
 * ("reporting") that the function's ACL does not name.
 */
final class KeyServiceFixture implements AutoCloseable {
  static final String MEASUREMENT = "a1b2c3d4";
  static final long T0 = 1_800_000_000_000L;

  final ManualClock clock = new ManualClock(T0);
  final KeysetHandle teeKeys = DevEvidenceSimulator.generateSigningKeyset();
  final DevEvidenceSimulator tee = new DevEvidenceSimulator(teeKeys, MEASUREMENT, false);
  final CallerIdentity frontend = CallerIdentity.generate("frontend");
  final CallerIdentity reporting = CallerIdentity.generate("reporting");
  final Path dir;
  final Path auditFile;
  final AuditLog audit;
  final KeyService service;
  final KeyServiceClient client;
  private final UnaryOperator<KeyServiceConfig.Builder> customize;

  KeyServiceFixture(Path dir) throws Exception {
    this(dir, b -> b);
  }

  KeyServiceFixture(Path dir, UnaryOperator<KeyServiceConfig.Builder> customize) throws Exception {
    this.dir = dir;
    this.customize = customize;
    this.auditFile = dir.resolve("audit.jsonl");
    this.audit = AuditLog.open(auditFile, clock, false);
    this.service = KeyService.builder().config(config().build()).clock(clock).auditLog(audit)
        .start();
    this.client = client(service.verifyKeyset());
  }

  KeyServiceConfig.Builder config() throws Exception {
    return customize.apply(KeyServiceConfig.builder().port(0).keyDirectory(dir.resolve("keys"))
        .masterKeyset(dir.resolve("keys/master.json")).createMissingKeys(true)
        .devEvidenceVerifyKeyset(teeKeys.getPublicKeysetHandle())
        .caller("frontend", frontend.publicKeyset())
        .caller("reporting", reporting.publicKeyset())
        .function("compose", FunctionPolicy.of(List.of(MEASUREMENT.toUpperCase()),
            List.of("frontend")).withDataKeys(List.of("model"))));
  }

  KeyServiceClient client(KeysetHandle pinned) {
    return KeyServiceClient.builder().baseUrl(service.uri().toString())
        .keyServiceVerifyKeyset(pinned).clock(clock).build();
  }

  @Override
  public void close() {
    service.close();
    audit.close();
  }
}
