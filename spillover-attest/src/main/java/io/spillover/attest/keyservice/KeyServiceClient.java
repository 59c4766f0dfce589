package io.spillover.attest.keyservice;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import io.spillover.SpilloverClock;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.evidence.ReportDataBinding;
import io.spillover.attest.evidence.internal.EvidenceJson;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.internal.Protocol;
import io.spillover.attest.keyservice.internal.ReleaseReader;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key service's client, for both of its users. A function instance calls {@link #attest}: it
 * makes an ephemeral HPKE key pair, fetches a nonce, has its TEE sign SHA-512(public key || nonce)
 * into evidence, and receives its function's keys sealed to the ephemeral key and signed by the
 * service; later it may ask for a granted data key on behalf of one caller ({@link #dataKey}),
 * with fresh evidence. A caller calls {@link #publicKeyset}: a request signed with its identity, answered by
 * the function's public keyset signed by the service. Every answer is checked against the
 * service's pinned verify keyset before use.
 */
public final class KeyServiceClient {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpUrl base;
  private final OkHttpClient http;
  private final PublicKeyVerify service;
  private final SpilloverClock clock;
  private final long maxResponseAgeMillis;

  private KeyServiceClient(Builder b) throws GeneralSecurityException {
    this.base = b.base;
    this.http = b.http != null ? b.http : new OkHttpClient.Builder()
        .callTimeout(Duration.ofSeconds(10)).build();
    this.service = Tinks.primitive(b.verifyKeyset, PublicKeyVerify.class);
    this.clock = b.clock;
    this.maxResponseAgeMillis = b.maxResponseAge.toMillis();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A fresh one-time nonce from the service. */
  public byte[] nonce() {
    JsonNode answer = call(new Request.Builder().url(url("v1", "nonce"))
        .post(RequestBody.create(new byte[0], JSON_TYPE)).build());
    return Base64.getDecoder().decode(answer.path("nonce").asString(""));
  }

  /** Attests with a fresh nonce and a fresh ephemeral key, and returns the released keys. */
  public ReleasedKeys attest(String function, EvidenceSource tee) {
    return attest(function, nonce(), tee);
  }

  /**
   * A fresh HPKE key pair (X25519) for one instance. Passing the same one to
   * {@link #attest(String, KeysetHandle, EvidenceSource)} and {@link #dataKey} lets the key
   * service's audit name the instance ({@code instanceKey}, its public key's hash) in both. Keep
   * it in memory only.
   */
  public static KeysetHandle newInstanceKey() {
    try {
      return Tinks.generate(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an HPKE key pair", e);
    }
  }

  /** Attests with a fresh nonce, with the instance key {@code instanceKey} as ephemeral key. */
  public ReleasedKeys attest(String function, KeysetHandle instanceKey, EvidenceSource tee) {
    return attest(function, nonce(), instanceKey, tee);
  }

  /**
   * Attests with {@code nonce} (which the service consumes, whatever the outcome): makes an
   * ephemeral HPKE key pair, has {@code tee} put SHA-512(ephemeral public keyset || nonce) into
   * its evidence, sends the evidence bundle, and opens the release with the ephemeral key after
   * checking the service's signature. The ephemeral private key never leaves this method.
   *
   * @throws KeyServiceException when the service refuses (its reason and status) or the release
   *     does not verify or open
   * @throws io.spillover.attest.evidence.AttestationException when the TEE cannot produce evidence
   */
  public ReleasedKeys attest(String function, byte[] nonce, EvidenceSource tee) {
    return attest(function, nonce, newInstanceKey(), tee);
  }

  private ReleasedKeys attest(String function, byte[] nonce, KeysetHandle ephemeral,
      EvidenceSource tee) {
    KeyServiceConfig.requireKeyName(function);
    try {
      ObjectNode body = attestationBody(nonce, ephemeral, tee);
      JsonNode answer = call(new Request.Builder().url(url("v1", "functions", function, "attest"))
          .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build());
      byte[] sealed = base64(answer, "sealedRelease");
      try {
        service.verify(base64(answer, "signature"),
            Protocol.releaseStatement(function, nonce, sealed));
      } catch (GeneralSecurityException e) {
        throw new KeyServiceException("key release is not signed by the pinned key service", e);
      }
      byte[] payload = Tinks.primitive(ephemeral, HybridDecrypt.class)
          .decrypt(sealed, Protocol.releaseContext(function, nonce));
      return ReleaseReader.read(function, payload);
    } catch (GeneralSecurityException e) {
      throw new KeyServiceException("key release for '" + function + "' does not open", e);
    }
  }

  /**
   * Asks for the granted data key {@code name} of {@code function} on behalf of {@code caller},
   * as the instance holding {@code instanceKey}: a fresh nonce, fresh evidence from {@code tee}
   * bound to that key and nonce, then the key sealed to it and signed by the service, with every
   * caller granted it.
   *
   * @throws DataKeyNotGrantedException when the service refused (signed) because the caller is
   *     not granted the key
   * @throws KeyServiceException for any other refusal (evidence, policy, nonce: its reason and
   *     status) or an answer that does not verify or open
   * @throws io.spillover.attest.evidence.AttestationException when the TEE cannot produce evidence
   */
  public GrantedDataKey dataKey(String function, String name, String caller,
      KeysetHandle instanceKey, EvidenceSource tee) {
    KeyServiceConfig.requireKeyName(function);
    KeyServiceConfig.requireKeyName(name);
    CallerIdentity.requireName(caller);
    byte[] nonce = nonce();
    try {
      ObjectNode body = attestationBody(nonce, instanceKey, tee);
      body.put("caller", caller);
      Reply reply = exchange(new Request.Builder()
          .url(url("v1", "functions", function, "data-keys", name))
          .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build());
      if (reply.status() == 403 && reply.body().has("refusal")) {
        try {
          service.verify(base64(reply.body(), "refusal"),
              Protocol.dataKeyRefusal(function, name, caller, nonce));
        } catch (GeneralSecurityException e) {
          throw new KeyServiceException(403, "a data key refusal not signed by the pinned key"
              + " service: " + reply.body().path("error").asString(""));
        }
        throw new DataKeyNotGrantedException(function, name, caller);
      }
      JsonNode answer = successful(reply);
      byte[] sealed = base64(answer, "sealedRelease");
      try {
        service.verify(base64(answer, "signature"),
            Protocol.dataKeyStatement(function, name, caller, nonce, sealed));
      } catch (GeneralSecurityException e) {
        throw new KeyServiceException("data key release is not signed by the pinned key service",
            e);
      }
      byte[] payload = Tinks.primitive(instanceKey, HybridDecrypt.class)
          .decrypt(sealed, Protocol.dataKeyContext(function, name, caller, nonce));
      return ReleaseReader.readDataKey(function, name, caller, payload);
    } catch (GeneralSecurityException e) {
      throw new KeyServiceException("data key '" + name + "' of '" + function
          + "' does not open", e);
    }
  }

  /** The public keyset of {@code function}, verified; {@code caller} must be in its ACL. */
  public FunctionPublicKeyset publicKeyset(String function, CallerIdentity caller) {
    KeyServiceConfig.requireKeyName(function);
    long now = clock.epochMillis();
    byte[] signature = caller.sign(Protocol.publicKeysetRequest(function, caller.name(), now));
    JsonNode answer = call(new Request.Builder()
        .url(url("v1", "functions", function, "public-keyset"))
        .header(Protocol.CALLER_HEADER, caller.name())
        .header(Protocol.TIMESTAMP_HEADER, Long.toString(now))
        .header(Protocol.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signature))
        .get().build());
    byte[] keyset = base64(answer, "publicKeyset");
    long issuedAt = answer.path("issuedAt").asLong(Long.MIN_VALUE);
    try {
      service.verify(base64(answer, "signature"),
          Protocol.publicKeysetStatement(function, issuedAt, keyset));
    } catch (GeneralSecurityException e) {
      throw new KeyServiceException("public keyset of '" + function
          + "' is not signed by the pinned key service", e);
    }
    if (Math.abs(now - issuedAt) > maxResponseAgeMillis) {
      throw new KeyServiceException(0, "public keyset of '" + function + "' was issued at "
          + issuedAt + ", too far from now (" + now + "): replayed answer?");
    }
    try {
      return FunctionPublicKeyset.pinned(function, Tinks.parsePublicKeyset(keyset), issuedAt);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyServiceException("public keyset of '" + function + "' is not usable", e);
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  /** The nonce, the instance's public key and evidence binding both: what every attestation sends. */
  private static ObjectNode attestationBody(byte[] nonce, KeysetHandle ephemeral,
      EvidenceSource tee) throws GeneralSecurityException {
    byte[] publicKey = Tinks.publicKeysetBytes(ephemeral.getPublicKeysetHandle());
    Evidence evidence = tee.fetch(ReportDataBinding.reportData(publicKey, nonce));
    ObjectNode body = JSON.createObjectNode();
    body.put("nonce", Base64.getEncoder().encodeToString(nonce));
    body.put("ephemeralPublicKeyset", Base64.getEncoder().encodeToString(publicKey));
    body.set("evidence", EvidenceJson.write(evidence));
    return body;
  }

  private record Reply(int status, JsonNode body) {}

  private JsonNode call(Request request) {
    return successful(exchange(request));
  }

  private static JsonNode successful(Reply reply) {
    if (reply.status() / 100 != 2) {
      throw new KeyServiceException(reply.status(), "key service refused (" + reply.status()
          + "): " + reply.body().path("error").asString("no reason given"));
    }
    return reply.body();
  }

  private Reply exchange(Request request) {
    try (Response response = http.newCall(request).execute()) {
      byte[] bytes = response.body().bytes();
      try {
        return new Reply(response.code(), JSON.readTree(bytes));
      } catch (JacksonException e) {
        throw new KeyServiceException(response.code(), "key service answered "
            + response.code() + " without JSON");
      }
    } catch (IOException e) {
      throw new KeyServiceException("cannot reach the key service at " + base, e);
    }
  }

  private static byte[] base64(JsonNode node, String field) {
    try {
      return Base64.getDecoder().decode(node.path(field).asString(""));
    } catch (IllegalArgumentException e) {
      throw new KeyServiceException(0, "key service answer has a malformed '" + field + "'");
    }
  }

  /** Builds a {@link KeyServiceClient}; validates eagerly. */
  public static final class Builder {
    private HttpUrl base;
    private KeysetHandle verifyKeyset;
    private OkHttpClient http;
    private SpilloverClock clock = SpilloverClock.system();
    private Duration maxResponseAge = Duration.ofMinutes(5);

    private Builder() {}

    /** The service's base URL, e.g. {@code https://keys.internal:8700}. */
    public Builder baseUrl(String url) {
      this.base = HttpUrl.parse(Objects.requireNonNull(url, "url"));
      if (base == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + url);
      }
      return this;
    }

    /** The service's verify keyset, pinned (distributed out of band). Required. */
    public Builder keyServiceVerifyKeyset(KeysetHandle keyset) {
      this.verifyKeyset = Objects.requireNonNull(keyset, "keyset");
      return this;
    }

    /** Bring your own OkHttpClient (pools, TLS trust, timeouts). */
    public Builder httpClient(OkHttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How old a signed public keyset answer may be (default 5 min). */
    public Builder maxResponseAge(Duration age) {
      this.maxResponseAge = Objects.requireNonNull(age, "age");
      return this;
    }

    public KeyServiceClient build() {
      if (base == null || verifyKeyset == null) {
        throw new IllegalArgumentException("baseUrl and keyServiceVerifyKeyset are required");
      }
      try {
        return new KeyServiceClient(this);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("not a Tink verify keyset", e);
      }
    }
  }
}
