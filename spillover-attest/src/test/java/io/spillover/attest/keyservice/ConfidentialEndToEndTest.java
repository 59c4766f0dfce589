package io.spillover.attest.keyservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.attest.seal.SessionOpener;
import io.spillover.function.FunctionRef;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key service on loopback, an attested function instance, and a caller, all wired for real. */
class ConfidentialEndToEndTest {
  private static final FunctionRef TARGET = FunctionRef.of("local", "compose");

  @TempDir Path dir;
  private KeyServiceFixture ks;

  @BeforeEach
  void start() throws Exception {
    ks = new KeyServiceFixture(dir);
  }

  @AfterEach
  void stop() {
    ks.close();
  }

  @Test
  void callerSealsFunctionOpensAndRepliesCallerOpensReply() throws Exception {
    ReleasedKeys released = ks.client.attest("compose", ks.tee);
    SessionOpener function = SessionOpener.builder().released(released).clock(ks.clock).build();
    SealingCallSealer caller = SealingCallSealer.builder().caller(ks.frontend).clock(ks.clock)
        .spillListener(ks.audit.sealedSpillListener())
        .target(TARGET, ks.client.publicKeyset("compose", ks.frontend)).build();
    SealedChannel channel = caller.channel(TARGET).orElseThrow();

    long deadline = ks.clock.epochMillis() + 10_000;
    SealedPayload sealed = channel.seal("compose-post", "req-1", deadline, utf8("{\"text\":\"hi\"}"));
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hi");
    OpenedCall call = function.open("compose-post", "req-1", deadline, sealed.session(),
        sealed.ciphertext());
    assertThat(call.body()).isEqualTo(utf8("{\"text\":\"hi\"}"));
    assertThat(call.caller()).isEqualTo("frontend");
    byte[] reply = call.sealReply(utf8("{\"id\":42}"));
    assertThat(channel.openReply("compose-post", "req-1", reply)).isEqualTo(utf8("{\"id\":42}"));

    assertThat(AuditLog.verify(ks.auditFile).valid()).isTrue();
    assertThat(Files.readString(ks.auditFile)).contains("\"kind\":\"SEALED_SPILL\"")
        .contains("\"requestId\":\"req-1\"");
  }

  @Test
  void afterAFunctionKeyRotationOldAndNewSessionsBothOpen() throws Exception {
    SealingCallSealer caller = SealingCallSealer.builder().caller(ks.frontend).clock(ks.clock)
        .target(TARGET, ks.client.publicKeyset("compose", ks.frontend)).build();
    SealedChannel before = caller.channel(TARGET).orElseThrow();
    long deadline = ks.clock.epochMillis() + 10_000;
    SealedPayload old = before.seal("svc", "r1", deadline, utf8("old"));

    ks.service.rotateFunctionKeyset("compose");
    caller.updateKeyset(TARGET, ks.client.publicKeyset("compose", ks.frontend));
    SealedPayload fresh = caller.channel(TARGET).orElseThrow().seal("svc", "r2", deadline,
        utf8("new"));

    SessionOpener function = SessionOpener.builder()
        .released(ks.client.attest("compose", ks.tee)).clock(ks.clock).build();
    assertThat(function.open("svc", "r1", deadline, old.session(), old.ciphertext()).body())
        .isEqualTo(utf8("old"));
    assertThat(function.open("svc", "r2", deadline, fresh.session(), fresh.ciphertext()).body())
        .isEqualTo(utf8("new"));
  }

  @Test
  void instanceOfAnotherFunctionCannotOpenTheSession() throws Exception {
    ks.close();
    ks = new KeyServiceFixture(dir.resolve("two"), b -> b.function("text", FunctionPolicy.of(
        List.of(KeyServiceFixture.MEASUREMENT), List.of("frontend"))));
    SealingCallSealer caller = SealingCallSealer.builder().caller(ks.frontend).clock(ks.clock)
        .target(TARGET, ks.client.publicKeyset("compose", ks.frontend)).build();
    long deadline = ks.clock.epochMillis() + 10_000;
    SealedPayload p = caller.channel(TARGET).orElseThrow().seal("svc", "r1", deadline, utf8("x"));
    SessionOpener text = SessionOpener.builder().released(ks.client.attest("text", ks.tee))
        .clock(ks.clock).build();
    assertThatThrownBy(() -> text.open("svc", "r1", deadline, p.session(), p.ciphertext()))
        .hasMessageContaining("is for function 'compose'");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
