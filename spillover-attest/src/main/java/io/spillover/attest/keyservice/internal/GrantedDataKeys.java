package io.spillover.attest.keyservice.internal;

import com.google.crypto.tink.HybridEncrypt;
import io.spillover.SpilloverClock;
import io.spillover.attest.audit.AuditKind;
import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.internal.Hex;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.internal.RefusalLog.Cause;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Releases granted data keys: one key (e.g. one model's) to one attested instance, asked for on
 * behalf of one caller. The instance passes the same checks as for its key release (fresh nonce,
 * evidence bound to its ephemeral key, policy), then the caller must be granted the key. A grant
 * answer carries the key and every caller granted it, sealed to the instance and signed; a
 * refusal is signed too, so the instance can tell the authority's "no" from a failure on the
 * way. Both are audited, with the instance's key hash: only attested instances get this far, so
 * the records grow with the instances' requests, not with what anyone can send.
 */
final class GrantedDataKeys {
  private final KeyServiceCore.Keys keys;
  private final AttestationCheck check;
  private final AuditLog audit;
  private final SpilloverClock clock;

  GrantedDataKeys(KeyServiceCore.Keys keys, AttestationCheck check, AuditLog audit,
      SpilloverClock clock) {
    this.keys = keys;
    this.check = check;
    this.audit = audit;
    this.clock = clock;
  }

  ObjectNode release(String function, FunctionPolicy policy, String name, JsonNode body,
      String source) {
    Set<String> grantees = policy.grants().get(name);
    if (grantees == null) {
      throw new HttpError(404, "'" + function + "' grants no data key '" + name + "'");
    }
    String caller = caller(body);
    AttestationCheck.Attested a = check.verify(function, policy, body, source);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", source);
    details.put("dataKey", name);
    details.put("caller", caller);
    details.put("platform", a.proof().platform().id());
    details.put("measurement", a.proof().measurement());
    try {
      details.put("instanceKey", Hex.encode(Tinks.sha256(a.ephemeral())));
      if (!grantees.contains(caller)) {
        record(AuditKind.DATA_KEY_REFUSED, function, details);
        ObjectNode out = KeyServiceCore.JSON.createObjectNode();
        out.put("error", "caller '" + caller + "' is not granted data key '" + name + "' of '"
            + function + "'");
        out.put("refusal", Base64.getEncoder().encodeToString(keys.signer().sign(
            Protocol.dataKeyRefusal(function, name, caller, a.nonce()))));
        throw new HttpError(403, out);
      }
      HybridEncrypt toInstance =
          Tinks.primitive(Tinks.parsePublicKeyset(a.ephemeral()), HybridEncrypt.class);
      byte[] sealed = toInstance.encrypt(payload(function, name, caller, grantees),
          Protocol.dataKeyContext(function, name, caller, a.nonce()));
      byte[] signature = keys.signer().sign(
          Protocol.dataKeyStatement(function, name, caller, a.nonce(), sealed));
      record(AuditKind.DATA_KEY_RELEASE, function, details);
      ObjectNode out = KeyServiceCore.JSON.createObjectNode();
      out.put("sealedRelease", Base64.getEncoder().encodeToString(sealed));
      out.put("signature", Base64.getEncoder().encodeToString(signature));
      return out;
    } catch (GeneralSecurityException e) {
      throw check.refuse(source, function, 400, Cause.EPHEMERAL_KEY,
          "ephemeral key is not a usable HPKE public keyset");
    }
  }

  private byte[] payload(String function, String name, String caller, Set<String> grantees)
      throws GeneralSecurityException {
    ObjectNode payload = KeyServiceCore.JSON.createObjectNode();
    payload.put("function", function);
    payload.put("dataKey", name);
    payload.put("caller", caller);
    payload.put("issuedAt", clock.epochMillis());
    ArrayNode all = payload.putArray("grantees");
    new TreeSet<>(grantees).forEach(all::add);
    payload.put("keyset", Tinks.secretKeysetBytes(keys.dataKeys().get(name)));
    return KeyServiceCore.JSON.writeValueAsBytes(payload);
  }

  private static String caller(JsonNode body) {
    JsonNode value = body.get("caller");
    if (value == null || !value.isString()) {
      throw new HttpError(400, "'caller' (the caller the instance asks for) is required");
    }
    String caller = value.stringValue();
    if (caller.isBlank() || caller.length() > 200) { // CallerIdentity's rule for names
      throw new HttpError(400, "'caller' is not a valid caller name");
    }
    return caller;
  }

  private void record(AuditKind kind, String function, Map<String, String> details) {
    if (audit != null) {
      Map<String, String> all = new LinkedHashMap<>(details);
      all.put("function", function);
      audit.append(kind, all);
    }
  }
}
