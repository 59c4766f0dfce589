package io.spillover.aws;

import io.spillover.aws.internal.LambdaInvoker;
import io.spillover.aws.internal.LambdaTarget;
import io.spillover.aws.internal.SigV4Interceptor;
import io.spillover.function.FunctionInvoker;
import io.spillover.function.FunctionRef;
import io.spillover.http.spi.AbstractHttpProvider;
import io.spillover.http.spi.HttpProviderBuilder;
import io.spillover.http.spi.HttpProviderBuilder.Settings;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS Lambda function twins, invoked synchronously through the Lambda Invoke API over OkHttp and
 * signed with SigV4 by the AWS SDK's standalone signer (no SDK service client).
 *
 * <pre>{@code
 * LambdaProvider lambda = LambdaProvider.builder().region("eu-west-1").build();
 * FunctionRef ref = FunctionRef.of("lambda", "social-compose-post:live"); // function:alias
 * }</pre>
 *
 * <p>A target is {@code name}, {@code name:qualifier} (alias or version) or a function ARN.
 * Replies: 200 carries the reply envelope; 200 with {@code X-Amz-Function-Error} fails with
 * {@code FunctionErrorException} (the payload's {@code errorType} and {@code errorMessage});
 * 429 ({@code TooManyRequestsException}) with {@code FunctionThrottledException}; 413
 * ({@code RequestTooLargeException}) with {@link io.spillover.http.PayloadTooLargeException};
 * {@code ResourceNotReadyException}, other 5xx, resets and malformed replies with
 * {@code FunctionTransportException}; no reply by the deadline with
 * {@code FunctionTimeoutException}. Envelopes above 6 MB (Lambda's synchronous limit) are refused
 * before sending.
 */
public final class LambdaProvider extends AbstractHttpProvider {
  /** Lambda's limit for a synchronous invocation's request and response payloads. */
  public static final int MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private final HttpUrl endpoint;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final boolean ownsCredentials;
  private final int maxRequestBytes;
  private final boolean dryRunCheck;

  private LambdaProvider(Builder b, Settings s) {
    this(b, s, b.credentials == null ? DefaultCredentialsProvider.builder().build()
        : b.credentials);
  }

  private LambdaProvider(Builder b, Settings s,
      IdentityProvider<? extends AwsCredentialsIdentity> creds) {
    super(s.name(), s.client(), s.clock(), base -> base.newBuilder()
        .addInterceptor(new SigV4Interceptor(creds, b.region, "lambda", b.signingClock,
            s.clock()))
        .build());
    this.endpoint = b.endpoint != null ? b.endpoint : defaultEndpoint(b.region);
    this.ownsCredentials = b.credentials == null;
    this.credentials = creds;
    this.maxRequestBytes = s.maxRequestBytes();
    this.dryRunCheck = b.dryRunCheck;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @throws IllegalArgumentException when the target names no Lambda function */
  @Override
  protected FunctionInvoker newInvoker(FunctionRef ref) {
    return new LambdaInvoker(client(), endpoint, LambdaTarget.parse(ref.target()), ref.toString(),
        clock(), maxRequestBytes, dryRunCheck);
  }

  @Override
  public String toString() {
    return "LambdaProvider[" + name() + ", " + endpoint + "]";
  }

  /** Shuts down the HTTP client and the default credentials chain if this provider made them. */
  @Override
  public void close() {
    super.close();
    if (ownsCredentials && credentials instanceof SdkAutoCloseable) {
      ((SdkAutoCloseable) credentials).close();
    }
  }

  private static HttpUrl defaultEndpoint(String region) {
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return HttpUrl.get("https://lambda." + region + "." + domain);
  }

  /**
   * Builds a {@link LambdaProvider}; every setter validates at once, {@code region} is required.
   * Defaults: the name {@code "lambda"}; envelopes up to Lambda's synchronous payload limit of
   * 6 MB, which is also the most {@code maxRequestBytes} takes.
   */
  public static final class Builder extends HttpProviderBuilder<Builder> {
    private String region;
    private HttpUrl endpoint;
    private IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private Clock signingClock = Clock.systemUTC();
    private boolean dryRunCheck = true;

    private Builder() {
      super("lambda", MAX_SYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES);
    }

    /**
     * Whether the startup check of a target ({@code FunctionInvoker.check}) sends a signed Invoke
     * dry run ({@code X-Amz-Invocation-Type: DryRun}): Lambda answers whether the function
     * exists and these credentials may invoke it, and runs nothing. On by default; the
     * registry's {@code targetCheck} mode decides whether checks run at all.
     */
    public Builder dryRunCheck(boolean enabled) {
      this.dryRunCheck = enabled;
      return this;
    }

    /** The AWS region, e.g. {@code "eu-west-1"}: the signing region and the default endpoint. */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException("not an AWS region id: " + region);
      }
      this.region = region;
      return this;
    }

    /**
     * Where to send Invoke requests instead of {@code https://lambda.<region>.amazonaws.com}: the
     * local platform, a VPC endpoint, a test server.
     */
    public Builder endpointOverride(String url) {
      Objects.requireNonNull(url, "url");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("not a valid http(s) URL: " + url);
      }
      this.endpoint = parsed;
      return this;
    }

    /**
     * The credentials to sign with: any AWS SDK {@code AwsCredentialsProvider} or identity
     * provider. By default the SDK's {@link DefaultCredentialsProvider} chain (environment, system
     * properties, profile, web identity, container, instance profile).
     */
    public Builder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
      this.credentials = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Fixed credentials (an access key pair); for the local platform and tests. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      return credentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    /** The clock signatures are dated by ({@code X-Amz-Date}); for tests. */
    public Builder signingClock(Clock signingClock) {
      this.signingClock = Objects.requireNonNull(signingClock, "signingClock");
      return this;
    }

    public LambdaProvider build() {
      if (region == null) {
        throw new IllegalStateException("a LambdaProvider needs a region");
      }
      return new LambdaProvider(this, settings());
    }
  }
}
