package io.spillover.bench;

import io.spillover.bench.support.Post;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionApp;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The wire cost of a spilled call with a 1 KB body: the caller's request encode, the function
 * side's request decode, the envelope alone (body bytes already encoded), and a whole
 * {@link FunctionApp#dispatch} round trip (encode, dispatch to an echo handler, decode the reply).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class EnvelopeBenchmark {
  static final String SERVICE = "compose-post";
  static final String ID = "0b7e4f4e-3f55-4a8e-9a43-2f4c6d1e9b10";

  Codec codec;
  Post post;
  byte[] body;
  byte[] requestBytes;
  FunctionApp app;
  long deadline;
  long sequence;

  @Setup
  public void setUp() {
    codec = Codec.json();
    post = Post.ofSize(1024);
    body = codec.encode(post);
    deadline = System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1);
    requestBytes = EnvelopeFormat.encodeRequest(
        new RequestEnvelope(ID, SERVICE, deadline, null, false, body, null, null), true);
    app = FunctionApp.builder().codec(codec).replayCacheSize(200_000).handle(SERVICE, Post.class, Post.class, p -> p).build();
  }

  /** The body is already bytes: the envelope's own encode. */
  @Benchmark
  public byte[] envelopeEncode() {
    return EnvelopeFormat.encodeRequest(
        new RequestEnvelope(ID, SERVICE, deadline, null, false, body, null, null), true);
  }

  /** The envelope's own decode: fields plus the body as a byte slice. */
  @Benchmark
  public RequestEnvelope envelopeDecode() {
    return EnvelopeFormat.decodeRequest(requestBytes);
  }

  /** What the caller does to send: Jackson-encode the DTO, then the envelope. */
  @Benchmark
  public byte[] requestEncode() {
    byte[] b = codec.encode(post);
    return EnvelopeFormat.encodeRequest(
        new RequestEnvelope(ID, SERVICE, deadline, null, false, b, null, null), true);
  }

  /** What the function side does to receive: the envelope, then the DTO. */
  @Benchmark
  public Post requestDecode() {
    RequestEnvelope e = EnvelopeFormat.decodeRequest(requestBytes);
    return codec.decode(e.body, Post.class);
  }

  /**
   * Encode with a fresh request id (a repeated id would be answered from the replay cache), run
   * {@link FunctionApp#dispatch} with an echo handler, decode the reply. The deadline is 1 s ahead
   * and the replay cache holds 200k ids (several times the ids live within 1 s at this rate), so it
   * purges expired ids as in a steady state and never answers BUSY.
   */
  @Benchmark
  public Post dispatchRoundTrip() {
    String id = ID.substring(0, 24) + Long.toHexString(0x1000_0000_0000L + sequence++);
    byte[] b = codec.encode(post);
    byte[] request = EnvelopeFormat.encodeRequest(new RequestEnvelope(id, SERVICE,
        System.currentTimeMillis() + 1000, null, false, b, null, null), true);
    ResponseEnvelope reply = EnvelopeFormat.decodeResponse(app.dispatch(request));
    if (!reply.ok) {
      throw new IllegalStateException(reply.errorType + ": " + reply.errorMessage);
    }
    return codec.decode(reply.body, Post.class);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(EnvelopeBenchmark.class.getSimpleName()).build())
        .run();
  }
}
