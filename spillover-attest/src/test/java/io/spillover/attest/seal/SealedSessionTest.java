package io.spillover.attest.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import io.spillover.seal.SealingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SealedSessionTest {
  private final SealFixture f;

  SealedSessionTest() throws Exception {
    f = new SealFixture();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void requestAndReplyRoundTripWithOneHeaderCheckPerSession() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    SessionOpener opener = f.opener().build();
    for (int i = 0; i < 3; i++) {
      long deadline = f.deadline();
      SealedPayload p = channel.seal("compose-post", "req-" + i, deadline, utf8("hello " + i));
      OpenedCall call = opener.open("compose-post", "req-" + i, deadline, p.session(),
          p.ciphertext());
      assertThat(call.body()).isEqualTo(utf8("hello " + i));
      assertThat(call.caller()).isEqualTo("frontend");
      byte[] reply = call.sealReply(utf8("ok " + i));
      assertThat(channel.openReply("compose-post", "req-" + i, reply)).isEqualTo(utf8("ok " + i));
    }
    assertThat(opener.sessionsVerified()).isEqualTo(1);
  }

  @Test
  void aSessionsFirstCallsArrivingTogetherVerifyItsHeaderOnce() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    SessionOpener opener = f.opener().build();
    int calls = 16;
    long deadline = f.deadline();
    List<SealedPayload> payloads = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      payloads.add(channel.seal("svc", "r" + i, deadline, utf8("call " + i)));
    }
    CyclicBarrier start = new CyclicBarrier(calls);
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<Future<byte[]>> opened = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        SealedPayload p = payloads.get(i);
        String id = "r" + i;
        opened.add(pool.submit(() -> {
          start.await();
          return opener.open("svc", id, deadline, p.session(), p.ciphertext()).body();
        }));
      }
      for (int i = 0; i < calls; i++) {
        assertThat(opened.get(i).get()).isEqualTo(utf8("call " + i));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(opener.sessionsVerified()).isEqualTo(1);
  }

  @Test
  void tamperedCiphertextIsRefused() throws Exception {
    long deadline = f.deadline();
    SealedPayload p = f.channel(f.frontend).seal("svc", "r1", deadline, utf8("secret"));
    byte[] ct = p.ciphertext().clone();
    ct[ct.length - 1] ^= 1;
    assertThatThrownBy(() -> f.opener().build().open("svc", "r1", deadline, p.session(), ct))
        .isInstanceOf(SealingException.class).hasMessageContaining("does not open");
  }

  @Test
  void ciphertextDoesNotOpenUnderAnotherServiceRequestIdOrDeadline() throws Exception {
    long deadline = f.deadline();
    SealedPayload p = f.channel(f.frontend).seal("svc", "r1", deadline, utf8("secret"));
    SessionOpener opener = f.opener().build();
    assertThatThrownBy(() -> opener.open("other", "r1", deadline, p.session(), p.ciphertext()))
        .hasMessageContaining("does not open");
    assertThatThrownBy(() -> opener.open("svc", "r2", deadline, p.session(), p.ciphertext()))
        .hasMessageContaining("does not open");
    assertThatThrownBy(() -> opener.open("svc", "r1", deadline + 1, p.session(), p.ciphertext()))
        .hasMessageContaining("does not open");
  }

  @Test
  void tamperedSessionHeaderIsRefused() throws Exception {
    long deadline = f.deadline();
    SealedPayload p = f.channel(f.frontend).seal("svc", "r1", deadline, utf8("secret"));
    byte[] header = Base64.getDecoder().decode(p.session());
    header[40] ^= 1; // inside the session id, covered by the signature
    String tampered = Base64.getEncoder().encodeToString(header);
    assertThatThrownBy(() -> f.opener().build().open("svc", "r1", deadline, tampered,
        p.ciphertext())).isInstanceOf(SealingException.class)
        .hasMessageContaining("signature does not verify");
    assertThatThrownBy(() -> f.opener().build().open("svc", "r1", deadline,
        p.session().substring(0, 40), p.ciphertext())).hasMessageContaining("malformed");
  }

  @Test
  void sessionSignedWithAForeignKeyUnderARegisteredNameIsRefused() throws Exception {
    CallerIdentity impostor = CallerIdentity.generate("frontend");
    long deadline = f.deadline();
    SealedPayload p = f.channel(impostor).seal("svc", "r1", deadline, utf8("x"));
    assertThatThrownBy(() -> f.opener().build().open("svc", "r1", deadline, p.session(),
        p.ciphertext())).hasMessageContaining("signature does not verify under caller 'frontend'");
  }

  @Test
  void callerThePolicyDoesNotNameIsRefused() throws Exception {
    long deadline = f.deadline();
    SealedPayload p =
        f.channel(CallerIdentity.generate("intruder")).seal("svc", "r1", deadline, utf8("x"));
    assertThatThrownBy(() -> f.opener().build().open("svc", "r1", deadline, p.session(),
        p.ciphertext())).hasMessageContaining("caller 'intruder' is not named");
  }

  @Test
  void sessionForAnotherFunctionIsRefused() throws Exception {
    long deadline = f.deadline();
    SealedPayload p = f.channel(f.frontend).seal("svc", "r1", deadline, utf8("x"));
    SessionOpener other = f.opener().function("text").build();
    assertThatThrownBy(() -> other.open("svc", "r1", deadline, p.session(), p.ciphertext()))
        .hasMessageContaining("is for function 'compose', this is 'text'");
  }

  @Test
  void callsPastTheirDeadlineOrTooFarAheadAreRefused() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    SessionOpener opener = f.opener().maxDeadlineAhead(Duration.ofMinutes(1)).build();
    long past = f.clock.epochMillis() - 1;
    SealedPayload late = channel.seal("svc", "r1", past, utf8("x"));
    assertThatThrownBy(() -> opener.open("svc", "r1", past, late.session(), late.ciphertext()))
        .hasMessageContaining("past its deadline");
    long far = f.clock.epochMillis() + Duration.ofMinutes(2).toMillis();
    SealedPayload early = channel.seal("svc", "r2", far, utf8("x"));
    assertThatThrownBy(() -> opener.open("svc", "r2", far, early.session(), early.ciphertext()))
        .hasMessageContaining("ahead");
  }

  @Test
  void expiredSessionIsRefusedWhetherNewOrCached() throws Exception {
    SealedChannel channel = f.channel(f.frontend);
    SessionOpener opener = f.opener().build();
    long deadline = f.clock.epochMillis() + Duration.ofMinutes(10).toMillis();
    SealedPayload first = channel.seal("svc", "r1", deadline, utf8("x"));
    SealedPayload second = channel.seal("svc", "r2", deadline, utf8("y"));
    SealedPayload third = channel.seal("svc", "r3", deadline, utf8("z"));
    opener.open("svc", "r1", deadline, first.session(), first.ciphertext());
    f.clock.advance(Duration.ofSeconds(61)); // rotateAfter 1 min, grace 0: expired
    assertThatThrownBy(() -> opener.open("svc", "r2", deadline, second.session(),
        second.ciphertext())).hasMessageContaining("expired");
    SessionOpener fresh = f.opener().build();
    assertThatThrownBy(() -> fresh.open("svc", "r3", deadline, third.session(),
        third.ciphertext())).hasMessageContaining("expired");
  }
}
