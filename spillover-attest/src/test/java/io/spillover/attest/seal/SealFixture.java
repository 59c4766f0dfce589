package io.spillover.attest.seal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.function.FunctionRef;
import io.spillover.seal.SealedChannel;
import io.spillover.testing.ManualClock;
import java.security.GeneralSecurityException;
import java.time.Duration;

/** A function keyset, a registered caller, and a sealer and opener wired to each other. */
final class SealFixture {
  static final FunctionRef TARGET = FunctionRef.of("lambda", "compose:live");
  static final long T0 = 1_800_000_000_000L;

  final ManualClock clock = new ManualClock(T0);
  final KeysetHandle functionKeys;
  final CallerIdentity frontend = CallerIdentity.generate("frontend");

  SealFixture() throws GeneralSecurityException {
    functionKeys = Tinks.generate(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
  }

  FunctionPublicKeyset publicKeyset() throws GeneralSecurityException {
    return FunctionPublicKeyset.pinned("compose", functionKeys.getPublicKeysetHandle(), T0);
  }

  SealingCallSealer.Builder sealer(CallerIdentity caller) throws GeneralSecurityException {
    return SealingCallSealer.builder().caller(caller).clock(clock)
        .rotateAfter(Duration.ofMinutes(1)).expiryGrace(Duration.ZERO)
        .target(TARGET, publicKeyset());
  }

  SealedChannel channel(CallerIdentity caller) throws GeneralSecurityException {
    return sealer(caller).build().channel(TARGET).orElseThrow();
  }

  SessionOpener.Builder opener() {
    return SessionOpener.builder().function("compose").privateKeyset(functionKeys)
        .caller("frontend", frontend.publicKeyset()).clock(clock).clockSkew(Duration.ZERO);
  }

  long deadline() {
    return clock.epochMillis() + 30_000;
  }
}
