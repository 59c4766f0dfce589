package io.spillover.grpc.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.spillover.SpilloverClock;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionThrottledException;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Sends a spilled unary call to the twin as the same gRPC call on the twin's channel, with the
 * invocation's deadline as the call's deadline. The twin's statuses: RESOURCE_EXHAUSTED is a
 * throttle (back-pressure: the call waits for a destination permit instead), DEADLINE_EXCEEDED a
 * timeout, UNAVAILABLE and CANCELLED transport failures that may have run the call; any other
 * status is the twin's own answer and goes to the caller as it is.
 */
public final class TwinGrpcInvoker implements FunctionInvoker {
  private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
  static final Metadata.Key<String> ID = Metadata.Key.of("x-spillover-id",
      Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> DEADLINE = Metadata.Key.of("x-spillover-deadline",
      Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
      Metadata.ASCII_STRING_MARSHALLER);
  private final Channel channel;
  private final SpilloverClock clock;
  private final Codec codec;
  private final ConcurrentMap<String, MethodDescriptor<byte[], byte[]>> methods =
      new ConcurrentHashMap<>();

  public TwinGrpcInvoker(Channel channel, SpilloverClock clock) {
    this.channel = channel;
    this.clock = clock;
    this.codec = Codec.json();
  }

  @Override
  public CompletableFuture<byte[]> invoke(Invocation invocation) {
    try {
      return send(invocation);
    } catch (RuntimeException e) { // a request this invoker cannot read was never sent
      return CompletableFuture.failedFuture(
          new FunctionTransportException("cannot send to the twin: " + e, false, e));
    }
  }

  private CompletableFuture<byte[]> send(Invocation invocation) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    RequestEnvelope env = EnvelopeFormat.decodeRequest(invocation.payload());
    WireCall call = codec.decode(env.body == null ? new byte[0] : env.body, WireCall.class);
    long left = invocation.deadlineEpochMillis() - clock.epochMillis();
    if (left <= 0) {
      reply.completeExceptionally(
          new FunctionTimeoutException("deadline passed before the call was sent"));
      return reply;
    }
    Metadata headers = MetadataMaps.toMetadata(call.metadata());
    headers.put(ID, env.id);
    headers.put(DEADLINE, Long.toString(env.deadlineEpochMillis));
    if (env.traceparent != null) {
      headers.put(TRACEPARENT, env.traceparent);
    }
    ClientCall<byte[], byte[]> c = channel.newCall(descriptor(call.method()),
        CallOptions.DEFAULT.withDeadlineAfter(left, TimeUnit.MILLISECONDS));
    try {
      c.start(new Collector(env.id, reply), headers);
      c.request(2);
      c.sendMessage(call.message());
      c.halfClose();
    } catch (RuntimeException e) {
      c.cancel("failed to send", e);
      reply.completeExceptionally(new FunctionTransportException("twin call failed: " + e, true, e));
    }
    return reply;
  }

  @Override
  public int maxRequestBytes() {
    return MAX_REQUEST_BYTES;
  }

  private MethodDescriptor<byte[], byte[]> descriptor(String fullName) {
    return methods.computeIfAbsent(fullName, n -> MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(n)
        .setRequestMarshaller(Bytes.INSTANCE).setResponseMarshaller(Bytes.INSTANCE).build());
  }

  /** The twin's one reply message, then its status, as a reply envelope or a typed failure. */
  private final class Collector extends ClientCall.Listener<byte[]> {
    private final String id;
    private final CompletableFuture<byte[]> reply;
    private byte @Nullable [] message;

    Collector(String id, CompletableFuture<byte[]> reply) {
      this.id = id;
      this.reply = reply;
    }

    @Override
    public void onMessage(byte[] m) {
      message = m;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      String what = status.getCode() + (status.getDescription() == null ? ""
          : ": " + status.getDescription());
      switch (status.getCode()) {
        case RESOURCE_EXHAUSTED:
          reply.completeExceptionally(new FunctionThrottledException("twin answered " + what));
          return;
        case DEADLINE_EXCEEDED:
          reply.completeExceptionally(
              new FunctionTimeoutException("no reply from the twin before the deadline"));
          return;
        case UNAVAILABLE:
        case CANCELLED:
          reply.completeExceptionally(new FunctionTransportException(
              "twin answered " + what, true, status.getCause()));
          return;
        default:
          WireReply r = new WireReply(status.getCode().value(), status.getDescription(),
              status.isOk() ? message : null, MetadataMaps.toMap(trailers));
          reply.complete(EnvelopeFormat.encodeResponse(
              new ResponseEnvelope(id, true, codec.encode(r), null, null, null, false, 0), true));
      }
    }
  }

  /** The message bytes as they are: the twin and the caller share the method's own marshallers. */
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
