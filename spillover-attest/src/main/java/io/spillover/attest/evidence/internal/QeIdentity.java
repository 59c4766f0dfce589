package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.security.MessageDigest;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Intel's QE identity (enclaveIdentity v2): what the quoting enclave must be, and its TCB levels. */
public final class QeIdentity {
  final String id;
  final Instant issueDate;
  final Instant nextUpdate;
  private final JsonNode root;

  QeIdentity(String json) {
    root = CollateralJson.tree(json);
    id = root.has("id") ? Json.text(root, "id") : null;
    issueDate = Json.instant(root, "issueDate");
    nextUpdate = Json.instant(root, "nextUpdate");
  }

  /** Checks the QE report against the identity and returns the QE's TCB status. */
  String evaluate(EnclaveReport qe) {
    if (!MessageDigest.isEqual(Json.hex(root, "mrsigner"), qe.mrSigner)) {
      throw new VerificationFailure("QE MRSIGNER does not match the QE identity");
    }
    if (Json.integer(root, "isvprodid") != qe.isvProdId) {
      throw new VerificationFailure("QE ISVPRODID does not match the QE identity");
    }
    long misc = Json.hexLong(root, "miscselect");
    long miscMask = Json.hexLong(root, "miscselectMask");
    if ((qe.miscSelect & miscMask) != misc) {
      throw new VerificationFailure("QE MISCSELECT does not match the QE identity");
    }
    if (!masked(qe.attributes, Json.hex(root, "attributesMask"), Json.hex(root, "attributes"))) {
      throw new VerificationFailure("QE ATTRIBUTES do not match the QE identity");
    }
    for (JsonNode level : Json.array(root, "tcbLevels")) {
      if (qe.isvSvn >= Json.integer(Json.field(level, "tcb"), "isvsvn")) {
        return Json.text(level, "tcbStatus");
      }
    }
    return "Revoked";
  }

  static boolean masked(byte[] value, byte[] mask, byte[] expected) {
    if (mask.length != expected.length || value.length < mask.length) {
      throw new MalformedEvidenceException("attribute mask length mismatch");
    }
    for (int i = 0; i < mask.length; i++) {
      if ((value[i] & mask[i]) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
