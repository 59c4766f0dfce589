package io.spillover.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.spillover.SpilloverRegistry;
import io.spillover.SpillwayConfig;
import io.spillover.grpc.GrpcMethodRules;
import io.spillover.grpc.GrpcSpillway;
import io.spillover.grpc.SpilloverGrpcInterceptor;
import io.spillover.grpc.TwinGrpcProvider;
import io.spillover.limit.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gRPC adapter's added cost per local call: a blocking unary call to an in-process server
 * answering a constant (direct executors on both sides, so no thread hand-off and no socket is
 * measured), bare against through {@link SpilloverGrpcInterceptor} (a fixed limit it never
 * reaches), without and with a deadline (a deadline is turned into the spill's timeout per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class GrpcAdapterBenchmark {
  static final byte[] REQUEST = {1, 2, 3, 4};
  static final byte[] REPLY = {5, 6, 7, 8};
  static final MethodDescriptor<byte[], byte[]> GET = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bench.Items/Get")
      .setIdempotent(true).setRequestMarshaller(Bytes.INSTANCE)
      .setResponseMarshaller(Bytes.INSTANCE).build();

  SpilloverRegistry registry;
  Server server;
  ManagedChannel bare;
  Channel wrapped;

  @Setup
  public void setUp() throws IOException {
    String name = "bench-" + System.nanoTime();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerServiceDefinition.builder("bench.Items")
            .addMethod(GET, ServerCalls.asyncUnaryCall((req, out) -> {
              out.onNext(REPLY);
              out.onCompleted();
            })).build())
        .build().start();
    bare = InProcessChannelBuilder.forName(name).directExecutor().build();
    registry = SpilloverRegistry.builder().tickInterval(Duration.ZERO)
        .provider(new TwinGrpcProvider().twin("items", bare)).build();
    GrpcSpillway items = new GrpcSpillway(registry, "items",
        SpillwayConfig.custom().limit(Limits.fixed(AdmissionBenchmark.HUGE))
            .function(TwinGrpcProvider.ref("items")).build(), GrpcMethodRules.defaults());
    wrapped = ClientInterceptors.intercept(bare, new SpilloverGrpcInterceptor(items));
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    bare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    registry.close();
  }

  @Benchmark
  public byte[] grpcBare() {
    return ClientCalls.blockingUnaryCall(bare, GET, CallOptions.DEFAULT, REQUEST);
  }

  @Benchmark
  public byte[] grpcWrapped() {
    return ClientCalls.blockingUnaryCall(wrapped, GET, CallOptions.DEFAULT, REQUEST);
  }

  @Benchmark
  public byte[] grpcBareDeadline() {
    return ClientCalls.blockingUnaryCall(bare, GET,
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), REQUEST);
  }

  @Benchmark
  public byte[] grpcWrappedDeadline() {
    return ClientCalls.blockingUnaryCall(wrapped, GET,
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), REQUEST);
  }

  /** Messages as the bytes they are. */
  enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
