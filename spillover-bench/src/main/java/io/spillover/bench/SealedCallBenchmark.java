package io.spillover.bench;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import io.spillover.SpilloverClock;
import io.spillover.bench.support.Post;
import io.spillover.codec.Codec;
import io.spillover.attest.keyservice.CallerIdentity;
import io.spillover.attest.keyservice.FunctionPublicKeyset;
import io.spillover.attest.seal.SealingCallSealer;
import io.spillover.attest.seal.SessionOpener;
import io.spillover.function.FunctionRef;
import io.spillover.seal.SealedCallOpener.OpenedCall;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A confidential call's crypto at steady state, per 1 KB call: request sealed and opened, reply
 * sealed and opened, under an established session (one AEAD pass each way) — against plain (the
 * bytes copied, no crypto) and against one HPKE encryption + decryption per call, which is what a
 * session saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SealedCallBenchmark {
  private static final FunctionRef TARGET = FunctionRef.of("lambda", "compose");

  private final byte[] body = Codec.json().encode(Post.ofSize(1024));
  /** Moves 1 ms per call so the function's replay window stays small whatever the run length. */
  private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);
  private final AtomicLong ids = new AtomicLong();
  private SealedChannel channel;
  private SessionOpener opener;
  private HybridEncrypt hpkeEncrypt;
  private HybridDecrypt hpkeDecrypt;

  @Setup
  public void setUp() throws Exception {
    HybridConfig.register();
    KeysetHandle functionKeys = KeysetHandle.generateNew(
        PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    CallerIdentity caller = CallerIdentity.generate("frontend");
    SpilloverClock clock = new SpilloverClock() {
      @Override public long nanoTime() { return millis.get() * 1_000_000L; }
      @Override public long epochMillis() { return millis.incrementAndGet(); }
    };
    channel = SealingCallSealer.builder().caller(caller).clock(clock)
        .target(TARGET, FunctionPublicKeyset.pinned("compose",
            functionKeys.getPublicKeysetHandle(), millis.get()))
        .build().channel(TARGET).orElseThrow();
    opener = SessionOpener.builder().function("compose").privateKeyset(functionKeys)
        .caller("frontend", caller.publicKeyset()).clock(clock).build();
    hpkeEncrypt = functionKeys.getPublicKeysetHandle()
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    hpkeDecrypt = functionKeys.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
  }

  @Benchmark
  public byte[] plain() {
    byte[] request = Arrays.copyOf(body, body.length);
    return Arrays.copyOf(request, request.length);
  }

  @Benchmark
  public byte[] sealedSession() {
    String id = Long.toString(ids.incrementAndGet());
    long deadline = millis.get() + 1_000;
    SealedPayload sealed = channel.seal("compose-post", id, deadline, body);
    OpenedCall call = opener.open("compose-post", id, deadline, sealed.session(),
        sealed.ciphertext());
    byte[] reply = call.sealReply(call.body());
    return channel.openReply("compose-post", id, reply);
  }

  @Benchmark
  public byte[] hpkePerCall() throws Exception {
    byte[] ct = hpkeEncrypt.encrypt(body, new byte[0]);
    return hpkeDecrypt.decrypt(ct, new byte[0]);
  }
}
