package io.spillover.clients.internal;

import io.spillover.SpilloverClock;
import io.spillover.clients.HttpCall;
import io.spillover.clients.HttpResult;
import io.spillover.codec.Codec;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionTimeoutException;
import io.spillover.function.FunctionTransportException;
import io.spillover.function.Invocation;
import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What both twin transports share: the envelope's {@link HttpCall} in, the twin's
 * {@link HttpResult} out in a reply envelope, the deadline as the exchange's time limit, and I/O
 * failures typed as {@link io.spillover.function.FunctionException}s. A transport says only how
 * the call becomes a request and how the reply becomes a result (or a typed failure).
 */
abstract class TwinInvoker implements FunctionInvoker {
  private static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024; // Lambda's synchronous limit
  private final OkHttpClient client;
  private final SpilloverClock clock;
  private final Codec codec;
  private final String peer;

  /** {@code peer} names the other end in failure messages ("twin", "Invoke API"). */
  TwinInvoker(OkHttpClient client, SpilloverClock clock, Codec codec, String peer) {
    this.client = client;
    this.clock = clock;
    this.codec = codec;
    this.peer = peer;
  }

  /** The request that carries {@code call} to the twin. */
  abstract Request request(HttpCall call, RequestEnvelope envelope);

  /** The twin's reply as the caller's result, or a typed failure (throttle, platform error). */
  abstract HttpResult result(Response reply) throws IOException;

  final long epochMillis() {
    return clock.epochMillis();
  }

  /**
   * Runs the exchange on the client's dispatcher threads: the contract of {@code invoke} is that
   * it never blocks the calling thread ({@code callAsync}'s caller).
   */
  @Override
  public final CompletableFuture<byte[]> invoke(Invocation invocation) {
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    try {
      client.dispatcher().executorService().execute(() -> {
        try {
          reply.complete(invokeBlocking(invocation));
        } catch (RuntimeException e) {
          reply.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      reply.completeExceptionally(
          new FunctionTransportException("the HTTP client is shut down", false, e));
    }
    return reply;
  }

  @Override
  public final byte[] invokeBlocking(Invocation invocation) {
    RequestEnvelope env = EnvelopeFormat.decodeRequest(invocation.payload());
    HttpCall call = codec.decode(env.body == null ? new byte[0] : env.body, HttpCall.class);
    long left = invocation.deadlineEpochMillis() - clock.epochMillis();
    if (left <= 0) {
      throw new FunctionTimeoutException("deadline passed before the call was sent");
    }
    OkHttpClient timed = client.newBuilder().callTimeout(left, TimeUnit.MILLISECONDS).build();
    try (Response r = timed.newCall(request(call, env)).execute()) {
      HttpResult result = result(r);
      return EnvelopeFormat.encodeResponse(new ResponseEnvelope(env.id, true,
          codec.encode(result), null, null, null, false, 0), true);
    } catch (ConnectException e) {
      throw new FunctionTransportException(peer + " unreachable: " + e.getMessage(), false, e);
    } catch (InterruptedIOException e) {
      throw new FunctionTimeoutException("no reply from the " + peer + " before the deadline");
    } catch (IOException e) {
      throw new FunctionTransportException(peer + " connection failed: " + e, true, e);
    }
  }

  @Override
  public int maxRequestBytes() {
    return MAX_REQUEST_BYTES;
  }
}
