package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import io.spillover.SpilloverClock;
import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.internal.Hex;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.EvidenceVerifier;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.VerifiedEvidence;
import io.spillover.attest.keyservice.internal.RefusalLog.Cause;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The key service's operations, independent of HTTP. Refusals are {@link HttpError}s. */
public final class KeyServiceCore {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Keys keys;
  private final Map<String, FunctionPolicy> functions;
  private final Map<String, PublicKeyVerify> callers;
  private final NonceStore nonces;
  private final AttestationCheck check;
  private final GrantedDataKeys granted;
  private final AuditLog audit;
  private final SpilloverClock clock;
  private final long skewMillis;

  /** The key material the service holds, loaded from the vault. */
  public record Keys(PublicKeySign signer, Map<String, KeysetHandle> functionKeysets,
      Map<String, KeysetHandle> callerKeysets, Map<String, KeysetHandle> dataKeys) {}

  public KeyServiceCore(Keys keys, Map<String, FunctionPolicy> functions,
      Map<String, PublicKeyVerify> callers, EvidenceVerifier verifier, NonceStore nonces,
      AuditLog audit, RefusalLog refusals, SpilloverClock clock, long skewMillis) {
    this.keys = keys;
    this.functions = Map.copyOf(functions);
    this.callers = Map.copyOf(callers);
    this.nonces = nonces;
    this.check = new AttestationCheck(verifier, nonces, refusals, clock);
    this.granted = new GrantedDataKeys(keys, check, audit, clock);
    this.audit = audit;
    this.clock = clock;
    this.skewMillis = skewMillis;
  }

  public ObjectNode nonce() {
    NonceStore.Issued issued;
    try {
      issued = nonces.issue();
    } catch (NonceStore.Full e) {
      throw new HttpError(503, e.getMessage());
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("nonce", Base64.getEncoder().encodeToString(issued.nonce()));
    out.put("expiresAt", issued.expiresAt());
    return out;
  }

  /** POST /v1/functions/{fn}/attest from {@code source} (the client's address). */
  public ObjectNode attest(String function, JsonNode body, String source) {
    FunctionPolicy policy = policy(function);
    AttestationCheck.Attested attested = check.verify(function, policy, body, source);
    VerifiedEvidence proof = attested.proof();
    byte[] nonce = attested.nonce();
    byte[] ephemeral = attested.ephemeral();
    try {
      HybridEncrypt toInstance =
          Tinks.primitive(Tinks.parsePublicKeyset(ephemeral), HybridEncrypt.class);
      byte[] sealed = toInstance.encrypt(releasePayload(function, policy),
          Protocol.releaseContext(function, nonce));
      byte[] signature = keys.signer().sign(Protocol.releaseStatement(function, nonce, sealed));
      record(AuditKind.KEY_RELEASE, function, Map.of("source", source,
          "platform", proof.platform().id(),
          "measurement", proof.measurement(),
          "instanceKey", Hex.encode(Tinks.sha256(ephemeral)),
          "dataKeys", String.join(",", new java.util.TreeSet<>(policy.dataKeys()))));
      ObjectNode out = JSON.createObjectNode();
      out.put("sealedRelease", Base64.getEncoder().encodeToString(sealed));
      out.put("signature", Base64.getEncoder().encodeToString(signature));
      return out;
    } catch (GeneralSecurityException e) {
      throw check.refuse(source, function, 400, Cause.EPHEMERAL_KEY,
          "ephemeral key is not a usable HPKE public keyset");
    }
  }

  /**
   * POST /v1/functions/{fn}/data-keys/{name}: an attested instance asks for the granted data key
   * {@code name} on behalf of the body's {@code caller} (fresh nonce and evidence, as for a key
   * release).
   */
  public ObjectNode dataKey(String function, String name, JsonNode body, String source) {
    return granted.release(function, policy(function), name, body, source);
  }

  /** GET /v1/functions/{fn}/public-keyset, authenticated by the caller's signature. */
  public ObjectNode publicKeyset(String function, String caller, String timestamp,
      String signature) {
    FunctionPolicy policy = policy(function);
    if (caller == null || timestamp == null || signature == null) {
      throw new HttpError(401, "signed request required (caller, timestamp, signature headers)");
    }
    PublicKeyVerify verify = callers.get(caller);
    if (verify == null) {
      throw new HttpError(401, "caller '" + caller + "' is not registered");
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp);
      verify.verify(Base64.getDecoder().decode(signature),
          Protocol.publicKeysetRequest(function, caller, ts));
    } catch (NumberFormatException | GeneralSecurityException e) {
      throw new HttpError(401, "request signature does not verify for caller '" + caller + "'");
    } catch (IllegalArgumentException e) {
      throw new HttpError(401, "request signature is not base64");
    }
    long now = clock.epochMillis();
    if (Math.abs(now - ts) > skewMillis) {
      throw new HttpError(401, "request timestamp outside the allowed skew");
    }
    if (!policy.callers().contains(caller)) {
      throw new HttpError(403, "caller '" + caller + "' is not in the ACL of '" + function + "'");
    }
    try {
      byte[] keyset = Tinks.publicKeysetBytes(
          keys.functionKeysets().get(function).getPublicKeysetHandle());
      byte[] sig = keys.signer().sign(Protocol.publicKeysetStatement(function, now, keyset));
      ObjectNode out = JSON.createObjectNode();
      out.put("function", function);
      out.put("issuedAt", now);
      out.put("publicKeyset", Base64.getEncoder().encodeToString(keyset));
      out.put("signature", Base64.getEncoder().encodeToString(sig));
      return out;
    } catch (GeneralSecurityException e) {
      throw new HttpError(500, "cannot serve the public keyset of '" + function + "'");
    }
  }

  private byte[] releasePayload(String function, FunctionPolicy policy)
      throws GeneralSecurityException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("function", function);
    payload.put("issuedAt", clock.epochMillis());
    payload.put("privateKeyset", Tinks.secretKeysetBytes(keys.functionKeysets().get(function)));
    ObjectNode callerKeys = payload.putObject("callers");
    for (String caller : policy.callers()) {
      callerKeys.put(caller, Tinks.publicKeysetBytes(keys.callerKeysets().get(caller)));
    }
    ObjectNode data = payload.putObject("dataKeys");
    for (String name : policy.dataKeys()) {
      data.put(name, Tinks.secretKeysetBytes(keys.dataKeys().get(name)));
    }
    return JSON.writeValueAsBytes(payload);
  }

  private FunctionPolicy policy(String function) {
    FunctionPolicy policy = functions.get(function);
    if (policy == null) {
      throw new HttpError(404, "unknown function '" + function + "'");
    }
    return policy;
  }

  private void record(AuditKind kind, String function, Map<String, String> details) {
    if (audit != null) {
      Map<String, String> all = new LinkedHashMap<>(details);
      all.put("function", function);
      audit.append(kind, all);
    }
  }

  static byte[] base64(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isString()) {
      throw new HttpError(400, "'" + field + "' (base64) is required");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value.stringValue());
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "'" + field + "' is not base64");
    }
    if (bytes.length == 0) {
      throw new HttpError(400, "'" + field + "' is empty");
    }
    return bytes;
  }
}
