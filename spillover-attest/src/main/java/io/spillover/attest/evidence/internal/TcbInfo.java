package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Intel TCB info (v2/v3, SGX or TDX) and the TCB status evaluation of a platform against it:
 * the first level whose SGX components and PCESVN (and for TDX the TEE_TCB_SVN components) the
 * platform meets gives the status; for TDX the TDX module identity adds its own status.
 */
public final class TcbInfo {
  final String id;
  final Instant issueDate;
  final Instant nextUpdate;
  final String fmspc;
  final String pceId;
  private final JsonNode root;

  TcbInfo(String json) {
    root = CollateralJson.tree(json);
    id = root.has("id") ? Json.text(root, "id") : "SGX";
    issueDate = Json.instant(root, "issueDate");
    nextUpdate = Json.instant(root, "nextUpdate");
    fmspc = Json.text(root, "fmspc").toLowerCase(Locale.ROOT);
    pceId = Json.text(root, "pceId").toLowerCase(Locale.ROOT);
  }

  /** The platform TCB status, or null when no level matches. */
  String platformStatus(PckCertificate pck, TdReport td) {
    boolean moduleIdentities = td != null && root.has("tdxModuleIdentities") && (td.teeTcbSvn[1] & 0xff) > 0;
    for (JsonNode level : Json.array(root, "tcbLevels")) {
      JsonNode tcb = Json.field(level, "tcb");
      if (!sgxMeets(pck, tcb)) {
        continue;
      }
      if (td != null && !tdxMeets(td, tcb, moduleIdentities ? 2 : 0)) {
        continue;
      }
      return Json.text(level, "tcbStatus");
    }
    return null;
  }

  private static boolean sgxMeets(PckCertificate pck, JsonNode tcb) {
    JsonNode comps = tcb.get("sgxtcbcomponents");
    for (int i = 0; i < 16; i++) {
      int required = comps != null
          ? Json.integer(Json.array(tcb, "sgxtcbcomponents").get(i), "svn")
          : Json.integer(tcb, String.format("sgxtcbcomp%02dsvn", i + 1));
      if (pck.sgxTcbComponents[i] < required) {
        return false;
      }
    }
    return pck.pceSvn >= Json.integer(tcb, "pcesvn");
  }

  private static boolean tdxMeets(TdReport td, JsonNode tcb, int from) {
    JsonNode comps = Json.array(tcb, "tdxtcbcomponents");
    if (comps.size() != 16) {
      throw new MalformedEvidenceException("tdxtcbcomponents must have 16 entries");
    }
    for (int i = from; i < 16; i++) {
      if ((td.teeTcbSvn[i] & 0xff) < Json.integer(comps.get(i), "svn")) {
        return false;
      }
    }
    return true;
  }

  /** Checks the TDX module (MRSIGNERSEAM, SEAM attributes) and returns its status, if rated. */
  String moduleStatus(TdReport td) {
    int version = td.teeTcbSvn[1] & 0xff;
    if (root.has("tdxModuleIdentities") && version > 0) {
      String wanted = String.format("TDX_%02X", version);
      for (JsonNode identity : Json.array(root, "tdxModuleIdentities")) {
        if (Json.text(identity, "id").equalsIgnoreCase(wanted)) {
          checkModule(td, identity);
          for (JsonNode level : Json.array(identity, "tcbLevels")) {
            if ((td.teeTcbSvn[0] & 0xff) >= Json.integer(Json.field(level, "tcb"), "isvsvn")) {
              return Json.text(level, "tcbStatus");
            }
          }
          throw new VerificationFailure("TDX module " + wanted + " SVN matches no module TCB level");
        }
      }
      throw new VerificationFailure("TCB info has no identity for TDX module " + wanted);
    }
    checkModule(td, Json.field(root, "tdxModule"));
    return "UpToDate";
  }

  private static void checkModule(TdReport td, JsonNode module) {
    if (!MessageDigest.isEqual(Json.hex(module, "mrsigner"), td.mrSignerSeam)) {
      throw new VerificationFailure("MRSIGNERSEAM does not match the TDX module identity");
    }
    if (!QeIdentity.masked(td.seamAttributes, Json.hex(module, "attributesMask"), Json.hex(module, "attributes"))) {
      throw new VerificationFailure("SEAM attributes do not match the TDX module identity");
    }
  }
}
