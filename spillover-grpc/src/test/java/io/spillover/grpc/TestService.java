package io.spillover.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC service on a loopback port with string messages (no protoc): {@code Get}
 * (idempotent), {@code Create} (listed to spill once), {@code Charge} (never spills) and
 * {@code Watch} (server streaming). It counts the executions of each method and records the
 * metadata and deadline each call arrived with.
 */
final class TestService implements AutoCloseable {
  static final MethodDescriptor<String, String> GET = unary("Get", true);
  static final MethodDescriptor<String, String> CREATE = unary("Create", false);
  static final MethodDescriptor<String, String> CHARGE = unary("Charge", false);
  static final MethodDescriptor<String, String> WATCH = MethodDescriptor.<String, String>newBuilder()
      .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("test.Logic/Watch")
      .setSafe(true).setIdempotent(true)
      .setRequestMarshaller(Strings.INSTANCE).setResponseMarshaller(Strings.INSTANCE).build();
  static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

  /** What a unary method does with one request. */
  interface Behaviour {
    void handle(String method, String request, StreamObserver<String> reply) throws Exception;
  }

  final String name;
  volatile Behaviour behaviour;
  final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
  final List<Metadata> headers = new CopyOnWriteArrayList<>();
  final List<Long> deadlinesMillis = new CopyOnWriteArrayList<>();
  private final Server server;

  TestService(String name) throws IOException {
    this.name = name;
    this.behaviour = (m, req, out) -> {
      out.onNext(name + ":" + req);
      out.onCompleted();
    };
    ServerServiceDefinition.Builder def = ServerServiceDefinition.builder("test.Logic");
    for (MethodDescriptor<String, String> m : List.of(GET, CREATE, CHARGE)) {
      def.addMethod(m, ServerCalls.asyncUnaryCall((req, out) -> run(m, req, out)));
    }
    def.addMethod(WATCH, ServerCalls.asyncServerStreamingCall((req, out) -> {
      count(WATCH);
      out.onNext(name + ":1");
      out.onNext(name + ":2");
      out.onCompleted();
    }));
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata md,
          ServerCallHandler<Q, A> next) {
        headers.add(md);
        return next.startCall(call, md);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(def.build(), recorder)).build().start();
  }

  int port() {
    return server.getPort();
  }

  int executions(MethodDescriptor<?, ?> m) {
    AtomicInteger n = executions.get(m.getBareMethodName());
    return n == null ? 0 : n.get();
  }

  int executionsOfAll() {
    return executions.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void count(MethodDescriptor<?, ?> m) {
    executions.computeIfAbsent(m.getBareMethodName(), k -> new AtomicInteger()).incrementAndGet();
  }

  private void run(MethodDescriptor<String, String> m, String req, StreamObserver<String> out) {
    count(m);
    if (Context.current().getDeadline() != null) {
      deadlinesMillis.add(Context.current().getDeadline().timeRemaining(TimeUnit.MILLISECONDS));
    }
    try {
      behaviour.handle(m.getBareMethodName(), req, out);
    } catch (Exception e) {
      out.onError(e);
    }
  }

  /** Stops serving: new connections are refused. */
  void shutdown() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    shutdown();
  }

  static MethodDescriptor<String, String> unary(String name, boolean idempotent) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Logic/" + name)
        .setIdempotent(idempotent)
        .setRequestMarshaller(Strings.INSTANCE).setResponseMarshaller(Strings.INSTANCE).build();
  }

  /** UTF-8 strings as messages: a byte[] marshaller with a readable payload. */
  enum Strings implements MethodDescriptor.Marshaller<String> {
    INSTANCE;

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
