package io.spillover.attest.keyservice;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.evidence.DevEvidenceKeys;
import io.spillover.attest.evidence.DevEvidenceSource;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.evidence.Platform;
import io.spillover.testing.ManualClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A key service on loopback (development deployment) trusting the attestation simulator's key
 * {@link #teeKey}, one function ("compose") whose policy admits measurement {@link #MEASUREMENT},
 * caller "frontend" and data key "model", and a registered caller ("reporting") that the
 * function's ACL does not name.
 */
final class KeyServiceFixture implements AutoCloseable {
  static final String MEASUREMENT = "a1b2c3d4".repeat(12);
  static final long T0 = 1_800_000_000_000L;

  final ManualClock clock;
  final KeyPair teeKey = DevEvidenceKeys.generate();
  final DevEvidenceSource tee;
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
    this(dir, T0, customize);
  }

  KeyServiceFixture(Path dir, long startMillis, UnaryOperator<KeyServiceConfig.Builder> customize)
      throws Exception {
    this.dir = dir;
    this.clock = new ManualClock(startMillis);
    this.tee = tee(MEASUREMENT, false, teeKey);
    this.customize = customize;
    this.auditFile = dir.resolve("audit.jsonl");
    this.audit = AuditLog.open(auditFile, clock, false);
    this.service = KeyService.builder().config(config().build()).clock(clock).auditLog(audit)
        .deployment(Deployment.DEVELOPMENT).start();
    this.client = client(service.verifyKeyset());
  }

  /** A simulated TEE on this fixture's clock. */
  DevEvidenceSource tee(String measurement, boolean debug, KeyPair key) {
    return DevEvidenceSource.builder().deployment(Deployment.DEVELOPMENT).signingKey(key)
        .measurement(HexFormat.of().parseHex(measurement)).debug(debug)
        .clock(clock.javaClock()).build();
  }

  KeyServiceConfig.Builder config() throws Exception {
    return customize.apply(KeyServiceConfig.builder().port(0).keyDirectory(dir.resolve("keys"))
        .masterKeyset(dir.resolve("keys/master.json")).createMissingKeys(true)
        .devEvidenceKey(teeKey.getPublic())
        .caller("frontend", frontend.publicKeyset())
        .caller("reporting", reporting.publicKeyset())
        .function("compose", FunctionPolicy.builder().allowMeasurement(MEASUREMENT.toUpperCase())
            .callers(List.of("frontend")).dataKeys(List.of("model")).build()));
  }

  KeyServiceClient client(KeysetHandle pinned) {
    return KeyServiceClient.builder().baseUrl(service.uri().toString())
        .keyServiceVerifyKeyset(pinned).clock(clock).build();
  }

  /** A "TEE" that ignores the report data it is asked for and hands over fixed evidence. */
  static EvidenceSource replaying(Evidence captured) {
    return new EvidenceSource() {
      @Override
      public Platform platform() {
        return captured.platform();
      }

      @Override
      public Evidence fetch(byte[] reportData) {
        return captured;
      }
    };
  }

  @Override
  public void close() {
    service.close();
    audit.close();
  }
}
