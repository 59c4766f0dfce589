package io.spillover.attest.seal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import io.spillover.SpilloverClock;
import io.spillover.SpilloverException;
import io.spillover.attest.evidence.EvidenceSource;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.DataKeyNotGrantedException;
import io.spillover.attest.keyservice.GrantedDataKey;
import io.spillover.attest.keyservice.KeyServiceClient;
import io.spillover.attest.keyservice.ReleasedKeys;
import io.spillover.seal.SealedCallOpener;
import io.spillover.seal.SealingException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A function instance's confidential side, attested on first use. Plug it in as the app's opener:
 *
 * <pre>{@code
 * AttestedFunction attested = AttestedFunction.builder().function("inference")
 *     .keyService(client).evidenceSource(ConfigfsTsmEvidenceSource.create(Platform.SEV_SNP)).build();
 * FunctionApp app = FunctionApp.builder().sealedCallOpener(attested)
 *     .handle("classify", Req.class, Res.class, r -> model(attested.dataKey("model")).classify(r))
 *     .sealedOnly("classify").build();
 * }</pre>
 *
 * <p>Building it does nothing: the first sealed call (or {@link #releasedKeys()}) makes an
 * ephemeral HPKE key pair, takes a nonce from the key service, fetches evidence bound to
 * SHA-512(public keyset || nonce), attests and keeps the released keys in memory only. So a
 * snapshot taken before the first request (Lambda SnapStart, CRaC) holds no key, and instances
 * restored from one snapshot each attest with their own key pair. A failed attestation, whatever
 * failed (the key service, the evidence, or the released keys, e.g. a policy that names no
 * caller), is remembered for {@code retryAfter}: sealed calls are refused meanwhile with
 * {@code SEALING_REJECTED} (their callers fall back locally) without asking the key service
 * again, then it is tried again.
 */
public final class AttestedFunction implements SealedCallOpener {
  private final String function;
  private final KeyServiceClient keyService;
  private final EvidenceSource tee;
  private final SpilloverClock clock;
  private final UnaryOperator<SessionOpener.Builder> openerSettings;
  private final long retryAfterMillis;
  private final Object lock = new Object();
  private volatile Attested attested;
  private RuntimeException lastFailure;
  private long lastFailureAt;

  private record Attested(ReleasedKeys keys, SessionOpener opener, KeysetHandle instanceKey) {}

  private AttestedFunction(Builder b) {
    this.function = b.function;
    this.keyService = b.keyService;
    this.tee = b.tee;
    this.clock = b.clock;
    this.openerSettings = b.openerSettings;
    this.retryAfterMillis = b.retryAfter.toMillis();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public OpenedCall open(String service, String requestId, long deadline, String session,
      byte[] ciphertext) {
    Attested a;
    try {
      a = attested();
    } catch (RuntimeException e) {
      throw new SealingException("instance of '" + function + "' holds no keys: " + e, e);
    }
    return a.opener().open(service, requestId, deadline, session, ciphertext);
  }

  /**
   * The keys the key service released to this instance, attesting first if needed.
   *
   * @throws SpilloverException ({@code KeyServiceException}, {@code AttestationException}) or
   *     another {@link RuntimeException} (e.g. released keys that admit no caller) when
   *     attestation fails now or failed less than {@code retryAfter} ago (the same exception)
   */
  public ReleasedKeys releasedKeys() {
    return attested().keys();
  }

  /**
   * The granted data key {@code name} as a Tink {@link Aead}, attesting first if needed.
   *
   * @throws IllegalStateException when the function's policy grants no such key
   */
  public Aead dataKey(String name) {
    var keyset = releasedKeys().dataKeys().get(name);
    if (keyset == null) {
      throw new IllegalStateException("the key service granted '" + function
          + "' no data key '" + name + "'");
    }
    return Tinks.dataKey(keyset, name);
  }

  /**
   * Asks the key service for the granted data key {@code name} (e.g. one model's key) on behalf
   * of {@code caller}, typically the caller a sealed call's session proved. Attests first if
   * needed; the request carries fresh evidence bound to the key this instance attested with, so
   * the key service's audit names the same instance. Nothing is cached here: keep the key as long
   * as your own bounds allow, and ask again after dropping it.
   *
   * @throws DataKeyNotGrantedException when the key service (signed) refuses because
   *     {@code caller} is not granted the key
   * @throws SpilloverException ({@code KeyServiceException}, {@code AttestationException}) when
   *     attestation or the request fails
   */
  public GrantedDataKey grantedDataKey(String name, String caller) {
    Attested a = attested();
    return keyService.dataKey(function, name, caller, a.instanceKey(), tee);
  }

  /** Whether this instance has attested and holds its keys. */
  public boolean isAttested() {
    return attested != null;
  }

  /** The sessions opened so far under this instance's keys (0 before attestation). */
  public long sessionsVerified() {
    Attested a = attested;
    return a == null ? 0 : a.opener().sessionsVerified();
  }

  private Attested attested() {
    Attested a = attested;
    if (a != null) {
      return a;
    }
    synchronized (lock) {
      if (attested != null) {
        return attested;
      }
      long now = clock.epochMillis();
      if (lastFailure != null && now - lastFailureAt < retryAfterMillis) {
        throw lastFailure;
      }
      try {
        KeysetHandle instanceKey = KeyServiceClient.newInstanceKey();
        ReleasedKeys keys = keyService.attest(function, instanceKey, tee);
        SessionOpener opener =
            openerSettings.apply(SessionOpener.builder().clock(clock)).released(keys).build();
        attested = new Attested(keys, opener, instanceKey);
        lastFailure = null;
        return attested;
      } catch (RuntimeException e) {
        // not only Spillover's exceptions: whatever fails here would fail again at once, and
        // each try costs a fresh key pair, evidence and a key release
        lastFailure = e;
        lastFailureAt = now;
        throw e;
      }
    }
  }

  /** Builds an {@link AttestedFunction}; validates eagerly and attests nothing. */
  public static final class Builder {
    private String function;
    private KeyServiceClient keyService;
    private EvidenceSource tee;
    private SpilloverClock clock = SpilloverClock.system();
    private UnaryOperator<SessionOpener.Builder> openerSettings = b -> b;
    private Duration retryAfter = Duration.ofSeconds(5);

    private Builder() {}

    /** The function name the key service knows this deployment by. Required. */
    public Builder function(String function) {
      this.function = Objects.requireNonNull(function, "function");
      return this;
    }

    /** Required. */
    public Builder keyService(KeyServiceClient client) {
      this.keyService = Objects.requireNonNull(client, "client");
      return this;
    }

    /** This instance's TEE (configfs-tsm, Nitro NSM, or the simulator in development). Required. */
    public Builder evidenceSource(EvidenceSource source) {
      this.tee = Objects.requireNonNull(source, "source");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Tunes the {@link SessionOpener} (bounds, lifetimes); keys and clock are set already. */
    public Builder opener(UnaryOperator<SessionOpener.Builder> settings) {
      this.openerSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** How long a failed attestation is remembered before the next try (default 5 s). */
    public Builder retryAfter(Duration wait) {
      if (wait == null || wait.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be zero or positive");
      }
      this.retryAfter = wait;
      return this;
    }

    /** @throws IllegalArgumentException when function, key service or evidence source is missing */
    public AttestedFunction build() {
      if (function == null || keyService == null || tee == null) {
        throw new IllegalArgumentException("function, keyService and evidenceSource are required");
      }
      return new AttestedFunction(this);
    }
  }
}
