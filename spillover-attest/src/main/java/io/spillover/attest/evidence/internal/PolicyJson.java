package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.AttestationPolicy;
import io.spillover.attest.evidence.SnpTcb;
import io.spillover.attest.internal.Hex;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the policy JSON of {@link AttestationPolicy#fromJson} (the members are listed there).
 * Unknown members are errors, so a typo never silently weakens a policy.
 */
public final class PolicyJson {
  private static final Set<String> KNOWN = Set.of("measurements", "pcrs", "rtmrs", "allowDebug",
      "minimumSnpTcb", "maximumVmpl", "acceptedTcbStatuses", "maxEvidenceAgeSeconds", "publicKey",
      "nonce", "reportData");

  private PolicyJson() {}

  /** @throws IllegalArgumentException with the offending member when the file is invalid */
  public static AttestationPolicy.Builder parse(String json) {
    JsonNode root;
    try {
      root = CollateralJson.JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("policy is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("policy must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!KNOWN.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown policy member '" + e.getKey() + "'");
      }
    }
    AttestationPolicy.Builder b = AttestationPolicy.builder();
    boolean pinned = false;
    for (JsonNode m : array(root, "measurements")) {
      b.allowMeasurement(string(m, "measurements[]"));
      pinned = true;
    }
    pinned |= registers(root, "pcrs", b, true);
    registers(root, "rtmrs", b, false);
    if (!pinned) {
      b.anyMeasurement();
    }
    if (root.has("allowDebug")) {
      b.allowDebug(bool(root.get("allowDebug"), "allowDebug"));
    }
    if (root.has("minimumSnpTcb")) {
      b.minimumSnpTcb(snpTcb(root.get("minimumSnpTcb")));
    }
    if (root.has("maximumVmpl")) {
      b.maximumVmpl(num(root, "maximumVmpl"));
    }
    if (root.has("acceptedTcbStatuses")) {
      JsonNode s = array(root, "acceptedTcbStatuses");
      String[] statuses = new String[s.size()];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = string(s.get(i), "acceptedTcbStatuses[]");
      }
      b.acceptTcbStatuses(statuses);
    }
    if (root.has("maxEvidenceAgeSeconds")) {
      b.maxEvidenceAge(Duration.ofSeconds(num(root, "maxEvidenceAgeSeconds")));
    }
    if (root.has("publicKey") || root.has("nonce")) {
      b.bindTo(hex(root, "publicKey"), hex(root, "nonce"));
    }
    if (root.has("reportData")) {
      b.expectReportData(hex(root, "reportData"));
    }
    return b;
  }

  /** {@code {"bootloader", "tee", "snp", "microcode", "fmc" (optional)}}, integers. */
  public static SnpTcb snpTcb(JsonNode t) {
    if (t == null || !t.isObject()) {
      throw new IllegalArgumentException("minimumSnpTcb must be an object");
    }
    return new SnpTcb(num(t, "bootloader"), num(t, "tee"), num(t, "snp"), num(t, "microcode"),
        t.has("fmc") ? num(t, "fmc") : 0);
  }

  private static boolean registers(JsonNode root, String name, AttestationPolicy.Builder b, boolean pcr) {
    if (!root.has(name)) {
      return false;
    }
    JsonNode regs = root.get(name);
    if (!regs.isObject()) {
      throw new IllegalArgumentException(name + " must be an object of index to hex values");
    }
    for (Map.Entry<String, JsonNode> e : regs.properties()) {
      int index;
      try {
        index = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(name + " index '" + e.getKey() + "' is not a number");
      }
      for (JsonNode v : array(regs, e.getKey())) {
        String h = string(v, name + "[" + index + "]");
        if (pcr) {
          b.allowPcr(index, h);
        } else {
          b.allowRtmr(index, h);
        }
      }
    }
    return true;
  }

  private static JsonNode array(JsonNode n, String name) {
    JsonNode a = n.get(name);
    if (a == null) {
      return CollateralJson.JSON.createArrayNode();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    return a;
  }

  private static String string(JsonNode n, String what) {
    if (n == null || !n.isString()) {
      throw new IllegalArgumentException(what + " must be a string");
    }
    return n.asString();
  }

  private static boolean bool(JsonNode n, String what) {
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(what + " must be true or false");
    }
    return n.asBoolean();
  }

  private static int num(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return v.asInt();
  }

  private static byte[] hex(JsonNode n, String name) {
    String s = string(n.get(name), name);
    if (!Hex.isHex(s)) {
      throw new IllegalArgumentException(name + " must be hex");
    }
    return EvidenceHex.decode(s);
  }
}
