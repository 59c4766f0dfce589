package io.spillover.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import io.spillover.SpilloverClock;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.seal.SessionOpener;
import io.spillover.attest.internal.Tinks;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.seal.SealingException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The real sealed-call opener (HPKE session header, caller signature, AEAD body): any session
 * header and ciphertext either open into a call or are refused with {@link SealingException}.
 * The keys are fixed test keys committed beside the seeds (two real sealed calls made with them
 * at the fixed instant), so the fuzzer starts from calls that open.
 */
class SealedSessionFuzzTest {
  private static final long T0 = 1_800_000_000_000L;
  private static final SpilloverClock FIXED = new SpilloverClock() {
    @Override public long nanoTime() {
      return 0;
    }

    @Override public long epochMillis() {
      return T0;
    }
  };
  private static final SessionOpener OPENER = SessionOpener.builder().function("compose")
      .privateKeyset(keyset("function.keyset"))
      .caller("frontend", CallerIdentity.of("frontend", keyset("caller.keyset")).publicKeyset())
      .clock(FIXED).clockSkew(Duration.ZERO).build();

  static KeysetHandle keyset(String name) {
    try (InputStream in = SealedSessionFuzzTest.class.getResourceAsStream("keys/" + name)) {
      return Tinks.parseSecretKeyset(in.readAllBytes());
    } catch (Exception e) {
      throw new IllegalStateException("test key " + name, e);
    }
  }

  /** Input: the session header (UTF-8), a zero byte, the ciphertext. */
  @Fuzz
  void aSealedCallOpensOrIsRefusedTyped(byte[] data) {
    int cut = 0;
    while (cut < data.length && data[cut] != 0) {
      cut++;
    }
    String session = new String(data, 0, cut, StandardCharsets.UTF_8);
    byte[] ciphertext = Arrays.copyOfRange(data, Math.min(cut + 1, data.length), data.length);
    OpenedCall call;
    try {
      call = OPENER.open("compose", "id-1", T0 + 30_000, session, ciphertext);
    } catch (SealingException refused) {
      return;
    }
    assertThat(call.caller()).isEqualTo("frontend");
    assertThat(call.body()).isNotNull();
    assertThat(call.sealReply(new byte[] {1})).isNotEmpty();
  }
}
