package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.DcapCollateral;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads the combined collateral JSON and raw PCS responses. */
public final class CollateralJson {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** A signed JSON value and its signature. */
  public record Signed(String json, byte[] signature) {}

  private CollateralJson() {}

  public static DcapCollateral parse(String json) {
    JsonNode root = tree(json);
    DcapCollateral.Builder b = DcapCollateral.builder()
        .tcbInfo(text(root, "tcb_info"), EvidenceHex.decode(text(root, "tcb_info_signature")))
        .tcbInfoIssuerChain(Certs.parsePem(text(root, "tcb_info_issuer_chain")))
        .qeIdentity(text(root, "qe_identity"),
            EvidenceHex.decode(text(root, "qe_identity_signature")))
        .qeIdentityIssuerChain(Certs.parsePem(text(root, "qe_identity_issuer_chain")));
    if (root.hasNonNull("pck_crl")) {
      b.pckCrl(Certs.parseCrl(text(root, "pck_crl").getBytes(StandardCharsets.US_ASCII)));
    }
    if (root.hasNonNull("root_ca_crl")) {
      b.rootCaCrl(Certs.parseCrl(text(root, "root_ca_crl").getBytes(StandardCharsets.US_ASCII)));
    }
    return b.build();
  }

  /** The combined collateral JSON that {@link #parse} reads (CRLs as hex DER). */
  public static String write(DcapCollateral c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("tcb_info", c.tcbInfo());
    root.put("tcb_info_signature", Hex.encode(c.tcbInfoSignature()));
    root.put("tcb_info_issuer_chain", Certs.toPem(c.tcbInfoIssuerChain()));
    root.put("qe_identity", c.qeIdentity());
    root.put("qe_identity_signature", Hex.encode(c.qeIdentitySignature()));
    root.put("qe_identity_issuer_chain", Certs.toPem(c.qeIdentityIssuerChain()));
    try {
      if (c.pckCrl() != null) {
        root.put("pck_crl", Hex.encode(c.pckCrl().getEncoded()));
      }
      if (c.rootCaCrl() != null) {
        root.put("root_ca_crl", Hex.encode(c.rootCaCrl().getEncoded()));
      }
    } catch (CRLException e) {
      throw new IllegalStateException("CRL cannot be encoded", e);
    }
    return JSON.writeValueAsString(root);
  }

  /** {@code {"<member>":{...},"signature":"hex"}} → the raw member text and the signature. */
  public static Signed signedMember(String body, String member) {
    JsonNode root = tree(body);
    String raw = RawJson.member(body, member);
    if (raw == null) {
      throw new MalformedEvidenceException("collateral has no '" + member + "'");
    }
    return new Signed(raw, EvidenceHex.decode(text(root, "signature")));
  }

  static JsonNode tree(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw new MalformedEvidenceException("collateral is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedEvidenceException("collateral is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isString()) {
      throw new MalformedEvidenceException("collateral field '" + field + "' missing or not a string");
    }
    return n.asString();
  }
}
