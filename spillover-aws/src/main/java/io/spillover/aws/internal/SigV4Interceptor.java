package io.spillover.aws.internal;

import io.spillover.SpilloverClock;
import io.spillover.http.spi.Deadline;
import io.spillover.http.spi.NotSentException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Signs each request with the AWS SDK's SigV4 signer, on OkHttp's dispatcher thread: resolving
 * credentials may do I/O (instance metadata, STS), which must not block the spillway's caller.
 * The wait for credentials is bounded by the invocation's deadline.
 */
public final class SigV4Interceptor implements Interceptor {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final String region;
  private final String service;
  private final Clock signingClock;
  private final SpilloverClock clock;

  public SigV4Interceptor(IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      String region, String service, Clock signingClock, SpilloverClock clock) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.signingClock = signingClock;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AwsCredentialsIdentity identity = resolve(request.tag(Deadline.class));
    byte[] body = body(request);
    SignedRequest signed;
    try {
      signed = signer.sign(s -> s
          .identity(identity)
          .request(toSdkRequest(request))
          .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock));
    } catch (RuntimeException e) {
      throw new NotSentException("SigV4 signing failed: " + e, e);
    }
    Request.Builder out = request.newBuilder();
    signed.request().forEachHeader((name, values) -> {
      out.removeHeader(name);
      values.forEach(v -> out.addHeader(name, v));
    });
    return chain.proceed(out.build());
  }

  private AwsCredentialsIdentity resolve(Deadline deadline) throws IOException {
    long wait = deadline == null ? 10_000 : deadline.remainingMillis(clock.epochMillis());
    try {
      return credentials.resolveIdentity().get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new InterruptedIOException("timeout: no AWS credentials within " + wait + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while resolving AWS credentials");
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new NotSentException("no AWS credentials: " + cause, cause);
    }
  }

  /** The request as the signer sees it: exactly the path, query and headers OkHttp sends. */
  static SdkHttpRequest toSdkRequest(Request request) {
    HttpUrl url = request.url();
    SdkHttpRequest.Builder b = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method()))
        .protocol(url.scheme())
        .host(url.host())
        .port(url.port())
        .encodedPath(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      b.appendRawQueryParameter(url.queryParameterName(i), value == null ? "" : value);
    }
    for (String name : request.headers().names()) {
      b.putHeader(name, request.headers(name));
    }
    return b.build();
  }

  private static byte[] body(Request request) throws IOException {
    if (request.body() == null) {
      return new byte[0];
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readByteArray();
  }
}
