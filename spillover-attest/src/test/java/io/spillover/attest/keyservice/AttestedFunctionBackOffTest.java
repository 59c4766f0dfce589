package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.seal.AttestedFunction;
import io.spillover.function.FunctionApp;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance whose attestation fails for a reason that is not Spillover's own exception (the
 * released policy admits no caller; the TEE device throws) refuses sealed calls with
 * SEALING_REJECTED, so callers fall back locally, and asks the key service again only after
 * {@code retryAfter}: the manual clock decides, no wall clock.
 */
class AttestedFunctionBackOffTest {
  @TempDir Path dir;
  private KeyServiceFixture ks;

  @AfterEach
  void stop() {
    if (ks != null) {
      ks.close();
    }
  }

  /** The request and reply type of the test service. */
  public static final class Note {
    public String text;
  }

  private FunctionApp twin(AttestedFunction attested) {
    return FunctionApp.builder().clock(ks.clock).sealedCallOpener(attested)
        .handle("compose-post", Note.class, Note.class, n -> n).sealedOnly("compose-post").build();
  }

  private ResponseEnvelope sealedCall(FunctionApp app, String id) {
    byte[] request = EnvelopeFormat.encodeRequest(new RequestEnvelope(id, "compose-post",
        ks.clock.epochMillis() + 30_000, null, false, null, "any-session", new byte[32]), true);
    return EnvelopeFormat.decodeResponse(app.dispatch(request));
  }

  private long auditRecords(String kind) throws Exception {
    return Files.readAllLines(ks.auditFile).stream()
        .filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
  }

  @Test
  void releasedKeysThatAdmitNoCallerAreRefusedAndNotFetchedAgainInsideTheBackOff()
      throws Exception {
    ks = new KeyServiceFixture(dir, b -> b.function("lonely", FunctionPolicy.builder()
        .allowMeasurement(KeyServiceFixture.MEASUREMENT).callers(List.of()).build()));
    AttestedFunction attested = AttestedFunction.builder().function("lonely")
        .keyService(ks.client).evidenceSource(ks.tee).clock(ks.clock)
        .retryAfter(Duration.ofSeconds(5)).build();
    FunctionApp app = twin(attested);

    assertThat(sealedCall(app, "1").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(auditRecords("KEY_RELEASE")).isEqualTo(1);
    ks.clock.advance(Duration.ofSeconds(4));
    assertThat(sealedCall(app, "2").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(auditRecords("KEY_RELEASE")).as("no second release inside the back-off")
        .isEqualTo(1);
    ks.clock.advance(Duration.ofSeconds(2));
    assertThat(sealedCall(app, "3").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(auditRecords("KEY_RELEASE")).as("tried again after it").isEqualTo(2);
    assertThat(attested.isAttested()).isFalse();
  }

  @Test
  void aTeeThatThrowsIsAskedAgainOnlyAfterTheBackOff() throws Exception {
    ks = new KeyServiceFixture(dir);
    AtomicInteger fetches = new AtomicInteger();
    EvidenceSource broken = new EvidenceSource() {
      @Override
      public Platform platform() {
        return Platform.DEV;
      }

      @Override
      public Evidence fetch(byte[] reportData) {
        fetches.incrementAndGet();
        throw new UncheckedIOException(new java.io.IOException("/dev/sev-guest: no such device"));
      }
    };
    FunctionApp app = twin(AttestedFunction.builder().function("compose").keyService(ks.client)
        .evidenceSource(broken).clock(ks.clock).retryAfter(Duration.ofSeconds(5)).build());

    assertThat(sealedCall(app, "1").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(sealedCall(app, "2").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(fetches).as("the second call inside the back-off does not attest").hasValue(1);
    ks.clock.advance(Duration.ofSeconds(6));
    assertThat(sealedCall(app, "3").errorType).isEqualTo("SEALING_REJECTED");
    assertThat(fetches).hasValue(2);
  }
}
