package io.spillover.grpc.internal;

import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.spillover.CallOptions;
import io.spillover.Spillway;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One unary call through a destination's spillway. It holds the caller's start, request and
 * message until {@code halfClose}, then asks the spillway: run locally (a real call on the next
 * channel, whose answer goes straight to the caller's listener) or spill (the twin's answer is
 * delivered here). The caller's listener is closed exactly once, on the call's executor.
 */
public final class SpillingCall<Q, A> extends ClientCall<Q, A>
    implements Function<OutgoingCall, CompletionStage<WireReply>>,
    BiConsumer<WireReply, Throwable> {
  // the call is its own local function and completion callback, and "closed" is a field, not an
  // AtomicBoolean: three objects fewer per call on the local path
  private static final AtomicIntegerFieldUpdater<SpillingCall<?, ?>> CLOSED = closedUpdater();
  private static final CallOptions IDEMPOTENT = CallOptions.builder().idempotent(true).build();
  private static final CallOptions ONCE = CallOptions.builder().idempotent(false).build();
  private final Spillway<OutgoingCall, WireReply> spillway;
  private final boolean idempotent;
  private final MethodDescriptor<Q, A> method;
  private final io.grpc.CallOptions grpcOptions;
  private final Channel next;
  private volatile int closed;
  private @Nullable Context context;
  private @Nullable Listener<A> listener;
  private @Nullable Metadata headers;
  private @Nullable Q message;
  private int requested;
  private @Nullable Deadline deadline;
  private volatile @Nullable ClientCall<Q, A> local;
  private volatile boolean cancelled;

  public SpillingCall(Spillway<OutgoingCall, WireReply> spillway, boolean idempotent,
      MethodDescriptor<Q, A> method, io.grpc.CallOptions grpcOptions, Channel next) {
    this.spillway = spillway;
    this.idempotent = idempotent;
    this.method = method;
    this.grpcOptions = grpcOptions;
    this.next = next;
  }

  @Override
  public void start(Listener<A> responseListener, Metadata headers) {
    this.listener = responseListener;
    this.headers = headers;
  }

  @Override
  public void request(int numMessages) {
    ClientCall<Q, A> l = local;
    if (l != null) {
      l.request(numMessages);
    } else {
      requested += numMessages;
    }
  }

  @Override
  public void sendMessage(Q message) {
    if (this.message != null) {
      throw new IllegalStateException("a unary call sends one message");
    }
    this.message = message;
  }

  @Override
  public void halfClose() {
    Q m = message;
    if (listener == null || headers == null || m == null) {
      throw new IllegalStateException("halfClose before start and sendMessage");
    }
    if (cancelled) {
      return;
    }
    deadline = effectiveDeadline();
    if (deadline != null && deadline.isExpired()) {
      deliver(Status.DEADLINE_EXCEEDED.withDescription("deadline passed before the call was sent"));
      return;
    }
    CallOptions options = deadline == null ? (idempotent ? IDEMPOTENT : ONCE)
        : CallOptions.builder().idempotent(idempotent)
            .timeout(Duration.ofNanos(Math.max(1, deadline.timeRemaining(TimeUnit.NANOSECONDS))))
            .build();
    context = Context.current();
    CompletionStage<WireReply> answer;
    try {
      answer = spillway.callAsync(new OutgoingCall(method, headers, m), options, this);
    } catch (RuntimeException e) {
      deliver(Statuses.of(e));
      return;
    }
    if (local == null) {
      // spilled or not yet decided: the outcome is delivered when it comes. Once the local call
      // has started, its own listener closes the caller's, whatever the spillway's stage says.
      answer.whenComplete(this);
    }
  }

  @Override
  public void cancel(@Nullable String message, @Nullable Throwable cause) {
    cancelled = true;
    ClientCall<Q, A> l = local;
    if (l != null) {
      l.cancel(message, cause); // its listener closes ours, and the spillway releases the permit
    } else if (listener != null) {
      deliver(Status.CANCELLED.withDescription(message).withCause(cause));
    }
  }

  @Override
  public boolean isReady() {
    ClientCall<Q, A> l = local;
    return l == null || l.isReady();
  }

  /** The local function: the destination's call, whose answer goes to the caller as it arrives. */
  @Override
  public CompletionStage<WireReply> apply(OutgoingCall ignored) {
    if (cancelled) {
      // cancelled while its spill was tried (the caller has its CANCELLED): do not start it now
      return CompletableFuture.completedFuture(WireReply.LOCAL);
    }
    CompletableFuture<WireReply> done = new CompletableFuture<>();
    Context context = this.context != null ? this.context : Context.current();
    Context previous = context.attach();
    try {
      ClientCall<Q, A> call = next.newCall(method, grpcOptions);
      call.start(new Forwarding(done), headers);
      local = call;
      try {
        if (requested > 0) {
          call.request(requested);
        }
        call.sendMessage(message);
        call.halfClose();
      } catch (RuntimeException e) {
        call.cancel("the call could not be sent", e); // its listener closes the caller's
        return done;
      }
      if (cancelled) {
        call.cancel("cancelled by the caller", null);
      }
    } finally {
      context.detach(previous);
    }
    return done;
  }

  /** The spillway's outcome: a twin's answer or a failure to deliver; a local answer went already. */
  @Override
  public void accept(@Nullable WireReply reply, @Nullable Throwable failure) {
    if (failure != null) {
      Throwable cause = Statuses.unwrap(failure);
      if (cause != DestinationStatus.SIGNAL) {
        Status status = Statuses.of(cause);
        Deadline d = deadline;
        if (d != null && d.isExpired() && status.getCode() == Status.Code.UNAVAILABLE) {
          // the caller's deadline is what ended it: say so in gRPC's own terms
          status = Status.DEADLINE_EXCEEDED.withDescription(status.getDescription())
              .withCause(status.getCause());
        }
        deliver(status);
      }
      return;
    }
    if (reply == null || reply == WireReply.LOCAL) {
      return;
    }
    executor().execute(() -> deliverTwin(reply));
  }

  private void deliverTwin(WireReply reply) {
    Metadata trailers = MetadataMaps.toMetadata(reply.trailers());
    Status status = Status.fromCodeValue(reply.code()).withDescription(reply.description());
    if (!status.isOk() || reply.message() == null) {
      close(status, trailers);
      return;
    }
    A response;
    try {
      response = method.parseResponse(new ByteArrayInputStream(reply.message()));
    } catch (RuntimeException e) {
      close(Status.INTERNAL.withDescription("the twin's reply could not be parsed").withCause(e),
          new Metadata());
      return;
    }
    if (closed == 0) {
      listener.onHeaders(new Metadata());
      listener.onMessage(response);
    }
    close(Status.OK, trailers);
  }

  private void deliver(Status status) {
    executor().execute(() -> close(status, new Metadata()));
  }

  private void close(Status status, Metadata trailers) {
    if (CLOSED.compareAndSet(this, 0, 1)) {
      listener.onClose(status, trailers);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static AtomicIntegerFieldUpdater<SpillingCall<?, ?>> closedUpdater() {
    return (AtomicIntegerFieldUpdater) AtomicIntegerFieldUpdater.newUpdater(SpillingCall.class,
        "closed");
  }

  private Executor executor() {
    Executor e = grpcOptions.getExecutor();
    return e != null ? e : Runnable::run;
  }

  private @Nullable Deadline effectiveDeadline() {
    Deadline call = grpcOptions.getDeadline();
    Deadline context = Context.current().getDeadline();
    if (call == null) {
      return context;
    }
    return context == null ? call : call.minimum(context);
  }

  /** Forwards the destination's answer to the caller and tells the spillway how it ended. */
  private final class Forwarding extends Listener<A> {
    private final CompletableFuture<WireReply> done;

    Forwarding(CompletableFuture<WireReply> done) {
      this.done = done;
    }

    @Override
    public void onHeaders(Metadata h) {
      if (closed == 0) {
        listener.onHeaders(h);
      }
    }

    @Override
    public void onMessage(A m) {
      if (closed == 0) {
        listener.onMessage(m);
      }
    }

    @Override
    public void onReady() {
      if (closed == 0) {
        listener.onReady();
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      close(status, trailers);
      Status.Code c = status.getCode();
      if (c == Status.Code.UNAVAILABLE || c == Status.Code.RESOURCE_EXHAUSTED
          || c == Status.Code.DEADLINE_EXCEEDED) {
        done.completeExceptionally(DestinationStatus.SIGNAL);
      } else {
        done.complete(WireReply.LOCAL);
      }
    }
  }
}
