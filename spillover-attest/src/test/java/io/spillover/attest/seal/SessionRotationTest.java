package io.spillover.attest.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.seal.SealingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRotationTest {
  private final SealFixture f;

  SessionRotationTest() throws Exception {
    f = new SealFixture();
  }

  @Test
  void sessionRotatesAfterItsMessageCount() throws Exception {
    SealedChannel channel = f.sealer(f.frontend).rotateAfterMessages(3).build()
        .channel(SealFixture.TARGET).orElseThrow();
    SessionOpener opener = f.opener().build();
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long deadline = f.deadline();
      SealedPayload p = channel.seal("svc", "r" + i, deadline, new byte[] {(byte) i});
      headers.add(p.session());
      assertThat(opener.open("svc", "r" + i, deadline, p.session(), p.ciphertext()).body())
          .containsExactly((byte) i);
    }
    assertThat(headers.subList(0, 3)).containsOnly(headers.get(0));
    assertThat(headers.subList(3, 6)).containsOnly(headers.get(3));
    assertThat(new HashSet<>(headers)).hasSize(3);
    assertThat(opener.sessionsVerified()).isEqualTo(3);
  }

  @Test
  void sessionRotatesByTimeAndLateRepliesToTheOldSessionStillOpen() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    SessionOpener opener = f.opener().build();
    long deadline = f.deadline();
    SealedPayload before = channel.seal("svc", "r1", deadline, new byte[] {1});
    byte[] reply = opener.open("svc", "r1", deadline, before.session(), before.ciphertext())
        .sealReply(new byte[] {9});
    f.clock.advance(Duration.ofSeconds(59));
    assertThat(channel.seal("svc", "r2", f.deadline(), new byte[] {2}).session())
        .isEqualTo(before.session());
    f.clock.advance(Duration.ofSeconds(1));
    SealedPayload after = channel.seal("svc", "r3", f.deadline(), new byte[] {3});
    assertThat(after.session()).isNotEqualTo(before.session());
    assertThat(channel.openReply("svc", "r1", reply)).containsExactly(9);
  }

  @Test
  void tamperedOrMisdirectedReplyIsRefused() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    long deadline = f.deadline();
    SealedPayload p = channel.seal("svc", "r1", deadline, new byte[] {1});
    byte[] reply = f.opener().build().open("svc", "r1", deadline, p.session(), p.ciphertext())
        .sealReply(new byte[] {7});
    assertThatThrownBy(() -> channel.openReply("svc", "r2", reply))
        .isInstanceOf(SealingException.class).hasMessageContaining("does not open");
    byte[] tampered = reply.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> channel.openReply("svc", "r1", tampered))
        .hasMessageContaining("does not open");
    byte[] foreignSession = reply.clone();
    foreignSession[0] ^= 1;
    assertThatThrownBy(() -> channel.openReply("svc", "r1", foreignSession))
        .hasMessageContaining("does not hold");
  }

  @Test
  void fullSessionCacheDropsTheLeastRecentSessionAndReverifiesIt() throws Exception {
    CallerIdentity backend = CallerIdentity.generate("backend");
    SessionOpener opener = f.opener().caller("backend", backend.publicKeyset()).maxSessions(1)
        .build();
    SealedChannel a = f.channel(f.frontend);
    SealedChannel b = f.channel(backend);
    for (int i = 0; i < 2; i++) {
      for (SealedChannel channel : List.of(a, b)) {
        long deadline = f.deadline();
        String id = channel.hashCode() + "-" + i;
        SealedPayload p = channel.seal("svc", id, deadline, new byte[] {(byte) i});
        assertThat(opener.open("svc", id, deadline, p.session(), p.ciphertext()).body())
            .containsExactly((byte) i);
      }
    }
    assertThat(opener.sessionsVerified()).isEqualTo(4);
  }

  @Test
  void rotatedFunctionKeysetStillOpensSessionsSealedToTheOldKey() throws Exception {
    long deadline = f.deadline();
    SealedPayload old = f.channel(f.frontend).seal("svc", "r1", deadline, new byte[] {1});
    var rotated = Tinks.rotate(f.functionKeys,
        PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    SessionOpener both = f.opener().privateKeyset(rotated).build();
    assertThat(both.open("svc", "r1", deadline, old.session(), old.ciphertext()).body())
        .containsExactly(1);
    var onlyNew = Tinks.generate(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    SessionOpener stranger = f.opener().privateKeyset(onlyNew).build();
    assertThatThrownBy(() -> stranger.open("svc", "r1", deadline, old.session(),
        old.ciphertext())).hasMessageContaining("does not hold");
  }

  @Test
  void listenerSeesEverySealAndAFailingListenerStopsTheCall() throws Exception {
    Set<String> seen = new HashSet<>();
    SealedChannel channel = f.sealer(f.frontend).spillListener(s -> seen.add(s.requestId()))
        .build().channel(SealFixture.TARGET).orElseThrow();
    channel.seal("svc", "r1", f.deadline(), new byte[0]);
    channel.seal("svc", "r2", f.deadline(), new byte[0]);
    assertThat(seen).containsExactlyInAnyOrder("r1", "r2");
    SealedChannel failing = f.sealer(f.frontend).spillListener(s -> {
      throw new IllegalStateException("disk full");
    }).build().channel(SealFixture.TARGET).orElseThrow();
    assertThatThrownBy(() -> failing.seal("svc", "r3", f.deadline(), new byte[0]))
        .isInstanceOf(SealingException.class).hasMessageContaining("disk full");
  }

  @Test
  void unknownTargetHasNoChannelAndBuildersValidate() throws Exception {
    SealingCallSealer sealer = f.sealer(f.frontend).build();
    assertThat(sealer.channel(io.spillover.function.FunctionRef.of("lambda", "other")))
        .isEmpty();
    sealer.removeTarget(SealFixture.TARGET);
    assertThat(sealer.channel(SealFixture.TARGET)).isEmpty();
    assertThatThrownBy(() -> SealingCallSealer.builder().rotateAfterMessages(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealingCallSealer.builder().rotateAfterMessages(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealingCallSealer.builder().build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionOpener.builder().privateKeyset(f.functionKeys).build())
        .hasMessageContaining("no caller");
  }
}
