package io.spillover.aws.internal;

import io.spillover.SpilloverClock;
import io.spillover.function.FunctionException;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.Invocation;
import io.spillover.function.TargetCheck;
import io.spillover.http.spi.HttpExchange;
import io.spillover.http.spi.HttpReply;
import io.spillover.http.spi.Replies;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Invokes one Lambda function synchronously (RequestResponse) through the Invoke API. */
public final class LambdaInvoker implements FunctionInvoker {
  private final OkHttpClient client;
  private final HttpUrl url;
  private final String target;
  private final SpilloverClock clock;
  private final int maxRequestBytes;
  private final boolean dryRunCheck;

  /**
   * {@code client} must sign requests (a {@link SigV4Interceptor}); {@code dryRunCheck}: whether
   * {@link #check} sends a dry run.
   */
  public LambdaInvoker(OkHttpClient client, HttpUrl endpoint, LambdaTarget lambda, String target,
      SpilloverClock clock, int maxRequestBytes, boolean dryRunCheck) {
    this.client = client;
    this.url = invokeUrl(endpoint, lambda);
    this.target = target;
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
    this.dryRunCheck = dryRunCheck;
  }

  /** {@code POST /2015-03-31/functions/{name}/invocations[?Qualifier=q]}, encoded as the SDK does. */
  static HttpUrl invokeUrl(HttpUrl endpoint, LambdaTarget lambda) {
    HttpUrl.Builder b = endpoint.newBuilder()
        .addPathSegment("2015-03-31")
        .addPathSegment("functions")
        .addEncodedPathSegment(SdkHttpUtils.urlEncode(lambda.functionName()))
        .addPathSegment("invocations");
    if (lambda.qualifier() != null) {
      b.addQueryParameter("Qualifier", lambda.qualifier());
    }
    return b.build();
  }

  @Override
  public CompletableFuture<byte[]> invoke(Invocation invocation) {
    byte[] payload = invocation.payload();
    if (payload.length > maxRequestBytes) {
      return CompletableFuture.failedFuture(
          Replies.oversize(target, payload.length, maxRequestBytes));
    }
    return HttpExchange.exchange(client, request(payload), invocation.deadlineEpochMillis(),
        clock, target, reply -> LambdaReplies.map(reply, target, payload.length, maxRequestBytes));
  }

  /** On the calling thread: no hand-off to OkHttp's dispatcher and back. */
  @Override
  public byte[] invokeBlocking(Invocation invocation) {
    byte[] payload = invocation.payload();
    if (payload.length > maxRequestBytes) {
      throw Replies.oversize(target, payload.length, maxRequestBytes);
    }
    return HttpExchange.exchangeBlocking(client, request(payload),
        invocation.deadlineEpochMillis(), clock, target,
        reply -> LambdaReplies.map(reply, target, payload.length, maxRequestBytes));
  }

  /**
   * An Invoke with {@code X-Amz-Invocation-Type: DryRun}, signed like every call: Lambda checks
   * that the function (and qualifier) exists and that these credentials may invoke it, and runs
   * nothing. It needs only {@code lambda:InvokeFunction}, the permission spilling needs anyway
   * ({@code GetFunction} would need another). Whether the function serves {@code service}, Lambda
   * cannot tell.
   */
  @Override
  public TargetCheck check(String service, Duration timeout) {
    if (!dryRunCheck) {
      return TargetCheck.unsupported("the Lambda dry run is turned off");
    }
    Request dryRun = new Request.Builder()
        .url(url)
        .header("X-Amz-Invocation-Type", "DryRun")
        .post(RequestBody.create(new byte[0], HttpExchange.JSON))
        .build();
    AtomicReference<HttpReply> answer = new AtomicReference<>();
    try {
      HttpExchange.exchangeBlocking(client, dryRun, clock.epochMillis() + timeout.toMillis(),
          clock, target, reply -> {
            answer.set(reply);
            return new byte[0];
          });
    } catch (FunctionException e) {
      return TargetCheck.unreachable("no answer from Lambda at " + url.host() + ": "
          + e.getMessage());
    }
    HttpReply reply = answer.get();
    if (reply.successful()) {
      return TargetCheck.ok("Lambda dry run: the function exists and may be invoked");
    }
    String detail = LambdaReplies.detail(reply, target);
    return reply.status() == 404 ? TargetCheck.notDeployed(detail)
        : TargetCheck.unreachable(detail);
  }

  private Request request(byte[] payload) {
    return new Request.Builder()
        .url(url)
        .header("X-Amz-Invocation-Type", "RequestResponse")
        .post(RequestBody.create(payload, HttpExchange.JSON))
        .build();
  }

  @Override
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /** The URL this invoker posts to. */
  public HttpUrl url() {
    return url;
  }
}
