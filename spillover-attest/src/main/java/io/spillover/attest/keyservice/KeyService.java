package io.spillover.attest.keyservice;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.spillover.SpilloverClock;
import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.evidence.Deployment;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.internal.KeyServiceCore;
import io.spillover.attest.keyservice.internal.KeyVault;
import io.spillover.attest.keyservice.internal.Listener;
import io.spillover.attest.keyservice.internal.NonceStore;
import io.spillover.attest.keyservice.internal.RefusalLog;
import io.spillover.attest.keyservice.internal.Router;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key service, embeddable: releases a function's HPKE keyset only to instances whose
 * attestation evidence satisfies the function's policy, and serves the function's public keyset,
 * signed, to the callers its ACL names. It runs on an embedded Jetty (HTTP, or HTTPS with the
 * configured key store) whose threads, connections, idle time and request sizes are bounded by
 * the config, so slow or hostile clients cannot stall it.
 *
 * <p>API: {@code POST /v1/nonce}, {@code POST /v1/functions/{fn}/attest},
 * {@code POST /v1/functions/{fn}/data-keys/{name}} (a granted data key, for one caller),
 * {@code GET /v1/functions/{fn}/public-keyset}; see {@code docs/confidential.md}. The service's
 * verify keyset (which clients pin) is written to {@code <keyDirectory>/keyservice-verify.json}.
 */
public final class KeyService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
  static final String SIGNING_KEY = "keyservice-signing";
  /** The file, in the config's key directory, that holds the verify keyset clients pin. */
  public static final String VERIFY_FILE = "keyservice-verify.json";

  private final Server server;
  private final AuditLog audit;
  private final RefusalLog refusals;
  private final boolean ownsAudit;
  private final KeysetHandle verifyKeyset;
  private final KeyVault vault;
  private final Map<String, KeysetHandle> functionKeysets;
  private final Map<String, KeysetHandle> dataKeys;
  private final boolean https;

  private KeyService(Builder b, AuditLog owned) throws IOException, GeneralSecurityException {
    KeyServiceConfig config = b.config;
    this.ownsAudit = owned != null;
    this.audit = owned != null ? owned : b.audit;
    this.vault = KeyVault.open(config, name -> {
      if (audit != null) {
        audit.append(AuditKind.KEY_ROTATION, Map.of("keyset", name, "event", "created"));
      }
    });
    KeysetHandle signing =
        vault.loadOrCreate(SIGNING_KEY, PredefinedSignatureParameters.ECDSA_P256);
    this.verifyKeyset = signing.getPublicKeysetHandle();
    Files.writeString(config.keyDirectory().resolve(VERIFY_FILE),
        TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(verifyKeyset, Tinks.CONFIG),
        StandardCharsets.UTF_8);
    this.functionKeysets = new ConcurrentHashMap<>();
    this.dataKeys = new HashMap<>();
    for (Map.Entry<String, FunctionPolicy> fn : config.functions().entrySet()) {
      if (fn.getValue().allowDebug()) {
        LOG.warn("function '{}' releases its keys to DEBUG TEEs: a debugger can read them;"
            + " development only", fn.getKey());
      }
      functionKeysets.put(fn.getKey(), vault.loadOrCreate(functionKeyName(fn.getKey()),
          PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM));
      Set<String> names = new LinkedHashSet<>(fn.getValue().dataKeys());
      names.addAll(fn.getValue().grants().keySet());
      for (String name : names) {
        dataKeys.put(name, vault.loadOrCreate("data/" + name, PredefinedAeadParameters.AES256_GCM));
      }
    }
    Map<String, PublicKeyVerify> callers = new HashMap<>();
    for (Map.Entry<String, KeysetHandle> c : config.callers().entrySet()) {
      callers.put(c.getKey(), Tinks.primitive(c.getValue(), PublicKeyVerify.class));
    }
    EvidenceVerifier verifier = b.verifier != null ? b.verifier
        : RegistryEvidenceVerifier.forConfig(config, b.deployment);
    this.refusals = audit == null ? null : new RefusalLog(audit, b.clock,
        config.refusalAuditWindow().toMillis(), config.refusalAuditMaxSources());
    KeyServiceCore core = new KeyServiceCore(
        new KeyServiceCore.Keys(Tinks.primitive(signing, PublicKeySign.class), functionKeysets,
            config.callers(), dataKeys),
        config.functions(), callers, verifier,
        new NonceStore(b.clock, config.nonceTtl().toMillis(), config.maxNonces()), audit,
        refusals, b.clock, config.requestSkew().toMillis());
    this.server = Listener.start(config, new Router(core, config.maxRequestBodyBytes()));
    this.https = config.tls().isPresent();
    if (refusals != null) {
      scheduleRefusalFlush(config.refusalAuditWindow().toMillis());
    }
  }

  /** Writes the counts of ended refusal windows once a window, also while no refusal arrives. */
  private void scheduleRefusalFlush(long windowMillis) {
    server.getScheduler().schedule(() -> {
      if (server.isRunning()) {
        try {
          refusals.flushExpired();
        } catch (RuntimeException e) {
          LOG.error("cannot write refusal counts to the audit log", e);
        }
        scheduleRefusalFlush(windowMillis);
      }
    }, windowMillis, TimeUnit.MILLISECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return connector().getLocalPort();
  }

  public URI uri() {
    String host = connector().getHost();
    return URI.create((https ? "https" : "http") + "://"
        + (host == null ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host) + ":"
        + port());
  }

  private NetworkConnector connector() {
    return (NetworkConnector) server.getConnectors()[0];
  }

  /** The public keyset that verifies the service's signatures; clients pin it. */
  public KeysetHandle verifyKeyset() {
    return verifyKeyset;
  }

  /**
   * Data key {@code name} as a Tink AEAD, for the operator's publishing step: encrypt an artifact
   * (e.g. model weights shipped in a function image) that only attested instances can decrypt,
   * since only they receive the key. The key never leaves this process through this method.
   *
   * @throws IllegalArgumentException when no function's policy names {@code name}
   */
  public Aead dataKey(String name) {
    KeysetHandle keyset = dataKeys.get(name);
    if (keyset == null) {
      throw new IllegalArgumentException("no data key '" + name + "' (name it in a function's"
          + " dataKeys)");
    }
    return Tinks.dataKey(keyset, name);
  }

  /**
   * Adds a new HPKE key to {@code function}'s keyset and makes it primary. Instances that attest
   * from now on get both keys (sessions sealed to the old key still open); callers pick up the
   * new public keyset on their next fetch.
   */
  public void rotateFunctionKeyset(String function) throws IOException, GeneralSecurityException {
    KeysetHandle current = functionKeysets.get(function);
    if (current == null) {
      throw new IllegalArgumentException("unknown function '" + function + "'");
    }
    KeysetHandle rotated =
        Tinks.rotate(current, PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
    vault.store(functionKeyName(function), rotated);
    functionKeysets.put(function, rotated);
    if (audit != null) {
      audit.append(AuditKind.KEY_ROTATION, Map.of("keyset", functionKeyName(function),
          "event", "rotated", "primaryKeyId", Integer.toString(rotated.getPrimary().getId())));
    }
  }

  /** Stops listening, writes pending refusal counts, and closes an audit log it opened. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("key service listener did not stop cleanly", e);
    }
    if (refusals != null) {
      try {
        refusals.flushAll();
      } catch (RuntimeException e) {
        LOG.error("cannot write the last refusal counts to the audit log", e);
      }
    }
    if (ownsAudit) {
      audit.close();
    }
  }

  private static String functionKeyName(String function) {
    return "functions/" + function + ".hpke";
  }

  /** Builds and starts a {@link KeyService}. */
  public static final class Builder {
    private KeyServiceConfig config;
    private EvidenceVerifier verifier;
    private SpilloverClock clock = SpilloverClock.system();
    private AuditLog audit;
    private Deployment deployment = Deployment.current();

    private Builder() {}

    public Builder config(KeyServiceConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The verifier of the TEE evidence. Default: {@link RegistryEvidenceVerifier} on the bundled
     * vendor roots, plus the simulator when the config names {@code devEvidenceKey}.
     */
    public Builder evidenceVerifier(EvidenceVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    public Builder clock(SpilloverClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Production or development; decides whether the simulator may be trusted. */
    public Builder deployment(Deployment deployment) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
      return this;
    }

    /** An audit log the caller owns (overrides the config's {@code auditLog}). */
    public Builder auditLog(AuditLog audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Loads (or, with createMissingKeys, creates) the keysets and starts listening.
     *
     * @throws IOException when a keyset is missing or the port cannot be bound
     * @throws GeneralSecurityException when a keyset does not decrypt under the master key
     */
    public KeyService start() throws IOException, GeneralSecurityException {
      if (config == null) {
        throw new IllegalArgumentException("config is required");
      }
      AuditLog owned = audit == null
          ? config.auditLog().map(p -> AuditLog.open(p, clock, false)).orElse(null) : null;
      try {
        return new KeyService(this, owned);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        if (owned != null) {
          owned.close();
        }
        throw e;
      }
    }
  }
}
