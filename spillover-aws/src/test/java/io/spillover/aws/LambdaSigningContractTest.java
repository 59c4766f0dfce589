package io.spillover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.spillover.function.FunctionRef;
import io.spillover.function.Invocation;
import io.spillover.testing.Envelopes;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * The exact Invoke request on the wire, and its SigV4 signature for a fixed clock and fixed
 * credentials, checked against what the AWS SDK's signers compute for the request WireMock got.
 */
class LambdaSigningContractTest {
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AwsBasicCredentials KEYS =
      AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  private WireMockServer server;
  private LambdaProvider provider;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withBody(Envelopes.okReply("req-1", "{\"ok\":1}"))));
  }

  @AfterEach
  void stop() {
    provider.close();
    server.stop();
  }

  @Test
  void invokeRequestIsTheLambdaApiSignedBySigV4() throws Exception {
    provider = provider(StaticCredentialsProvider.create(KEYS));
    byte[] payload = invoke("social-compose-post:live");

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getMethod().getName()).isEqualTo("POST");
    assertThat(got.getUrl())
        .isEqualTo("/2015-03-31/functions/social-compose-post/invocations?Qualifier=live");
    assertThat(got.getHeader("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(got.getHeader("X-Amz-Date")).isEqualTo("20250102T030405Z");
    assertThat(got.getBody()).isEqualTo(payload);
    String auth = got.getHeader("Authorization");
    assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/eu-west-1/"
        + "lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
        + "x-amz-invocation-type, Signature=");
    assertThat(got.getHeader("x-amz-content-sha256")).isEqualTo(sha256Hex(payload));
    assertThat(auth).matches(".*Signature=[0-9a-f]{64}");
    assertThat(auth).isEqualTo(sdkSignature(got, KEYS)).isEqualTo(legacySdkSignature(got, KEYS));
  }

  @Test
  void sessionCredentialsAddASignedSecurityToken() throws Exception {
    AwsSessionCredentials session = AwsSessionCredentials.create("ASIAEXAMPLE",
        "c2VjcmV0", "FwoGZXIvYXdzEXAMPLETOKEN");
    provider = provider(StaticCredentialsProvider.create(session));
    invoke("fn");

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getUrl()).isEqualTo("/2015-03-31/functions/fn/invocations");
    assertThat(got.getHeader("X-Amz-Security-Token")).isEqualTo("FwoGZXIvYXdzEXAMPLETOKEN");
    assertThat(got.getHeader("Authorization"))
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type;"
            + "x-amz-security-token,")
        .isEqualTo(sdkSignature(got, session));
  }

  @Test
  void anArnTargetIsEncodedAsTheSdkEncodesItAndSignedAsSent() throws Exception {
    provider = provider(StaticCredentialsProvider.create(KEYS));
    invoke("arn:aws:lambda:eu-west-1:123456789012:function:compose:7");

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getUrl()).isEqualTo("/2015-03-31/functions/"
        + "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Acompose%3A7/invocations");
    assertThat(got.getHeader("Authorization")).isEqualTo(sdkSignature(got, KEYS))
        .isEqualTo(legacySdkSignature(got, KEYS));
  }

  @Test
  void byDefaultCredentialsComeFromTheSdksDefaultChain() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIDFROMCHAIN");
    System.setProperty("aws.secretAccessKey", "chain-secret");
    try {
      provider = LambdaProvider.builder().region("eu-west-1").endpointOverride(server.baseUrl())
          .signingClock(FIXED).build();
      invoke("fn");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }

    LoggedRequest got = server.getAllServeEvents().get(0).getRequest();
    assertThat(got.getHeader("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMCHAIN/20250102/eu-west-1/lambda/")
        .isEqualTo(sdkSignature(got, AwsBasicCredentials.create("AKIDFROMCHAIN", "chain-secret")));
  }

  private LambdaProvider provider(StaticCredentialsProvider credentials) {
    return LambdaProvider.builder()
        .region("eu-west-1")
        .endpointOverride(server.baseUrl())
        .credentialsProvider(credentials)
        .signingClock(FIXED)
        .build();
  }

  private byte[] invoke(String target) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    byte[] payload = Envelopes.request("req-1", "compose-post", deadline, "{\"text\":\"hi\"}");
    provider.invoker(FunctionRef.of("lambda", target))
        .invoke(new Invocation("req-1", "compose-post", payload, deadline, false))
        .get(30, TimeUnit.SECONDS);
    return payload;
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The request as it arrived: method, host, raw path and query, the x-amz-* headers, body. */
  private SdkHttpFullRequest arrived(LoggedRequest got) {
    SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create(server.baseUrl() + got.getUrl()))
        .contentStreamProvider(ContentStreamProvider.fromByteArray(got.getBody()));
    for (String name : got.getAllHeaderKeys()) {
      if (name.toLowerCase().startsWith("x-amz-") && !name.equalsIgnoreCase("x-amz-date")) {
        b.putHeader(name, got.getHeader(name));
      }
    }
    return b.build();
  }

  private String sdkSignature(LoggedRequest got, AwsCredentials credentials) {
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(s -> s
        .identity(credentials)
        .request(arrived(got))
        .payload(ContentStreamProvider.fromByteArray(got.getBody()))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, FIXED)).request();
    return signed.firstMatchingHeader("Authorization").orElseThrow();
  }

  /** The SDK's older, separately written V4 signer: a second opinion on the signature. */
  @SuppressWarnings("deprecation")
  private String legacySdkSignature(LoggedRequest got, AwsCredentials credentials) {
    SdkHttpFullRequest signed = Aws4Signer.create().sign(arrived(got), Aws4SignerParams.builder()
        .awsCredentials(credentials)
        .signingName("lambda")
        .signingRegion(Region.EU_WEST_1)
        .signingClockOverride(FIXED)
        .build());
    return signed.firstMatchingHeader("Authorization").orElseThrow();
  }
}
