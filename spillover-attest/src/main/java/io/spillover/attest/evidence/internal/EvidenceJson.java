package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.Platform;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence bundle: how evidence travels as JSON from a function instance to the key service.
 * {@code {"platform": "sev-snp|nitro|tdx|sgx|dev", "payload": b64 report/document/quote,
 * "endorsement": b64 DER VCEK/VLEK, "chain": b64 PEM intermediates, "collateral": b64 DCAP
 * collateral JSON}}; the last three are optional and only allowed where the platform uses them.
 */
public final class EvidenceJson {
  private static final Set<String> MEMBERS =
      Set.of("platform", "payload", "endorsement", "chain", "collateral");

  private EvidenceJson() {}

  public static ObjectNode write(Evidence e) {
    ObjectNode out = CollateralJson.JSON.createObjectNode();
    out.put("platform", e.platform().id());
    out.put("payload", b64(e.payload()));
    if (e.endorsement() != null) {
      out.put("endorsement", b64(Certs.der(e.endorsement())));
    }
    if (!e.chain().isEmpty()) {
      out.put("chain", b64(Certs.toPem(e.chain()).getBytes(StandardCharsets.US_ASCII)));
    }
    if (e.collateral() != null) {
      out.put("collateral", b64(e.collateral().toJson().getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** @throws MalformedEvidenceException naming the member that is missing or malformed */
  public static Evidence read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new MalformedEvidenceException("evidence bundle must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> m : node.properties()) {
      if (!MEMBERS.contains(m.getKey())) {
        throw new MalformedEvidenceException("evidence bundle has an unknown member '"
            + m.getKey() + "'");
      }
    }
    Platform platform;
    try {
      platform = Platform.fromId(string(node, "platform"));
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException("evidence bundle: " + e.getMessage(), e);
    }
    byte[] payload = bytes(node, "payload");
    if (payload == null) {
      throw new MalformedEvidenceException("evidence bundle has no 'payload'");
    }
    byte[] endorsement = bytes(node, "endorsement");
    byte[] chain = bytes(node, "chain");
    byte[] collateral = bytes(node, "collateral");
    if (platform != Platform.SEV_SNP && (endorsement != null || chain != null)) {
      throw new MalformedEvidenceException("'endorsement' and 'chain' are for sev-snp evidence");
    }
    if (platform != Platform.TDX && platform != Platform.SGX && collateral != null) {
      throw new MalformedEvidenceException("'collateral' is for tdx and sgx evidence");
    }
    DcapCollateral dcap = collateral == null ? null
        : DcapCollateral.fromJson(new String(collateral, StandardCharsets.UTF_8));
    return switch (platform) {
      case SEV_SNP -> Evidence.snp(payload,
          endorsement == null ? null : Certs.parseOne(endorsement),
          chain == null ? List.<X509Certificate>of() : Certs.parseAll(chain));
      case NITRO -> Evidence.nitro(payload);
      case TDX -> Evidence.tdx(payload, dcap);
      case SGX -> Evidence.sgx(payload, dcap);
      case DEV -> Evidence.dev(payload);
    };
  }

  private static byte[] bytes(JsonNode node, String member) {
    if (!node.has(member)) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(string(node, member));
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException("evidence bundle member '" + member
          + "' is not base64", e);
    }
  }

  private static String string(JsonNode node, String member) {
    JsonNode v = node.get(member);
    if (v == null || !v.isString()) {
      throw new MalformedEvidenceException("evidence bundle member '" + member
          + "' is missing or not a string");
    }
    return v.stringValue();
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
