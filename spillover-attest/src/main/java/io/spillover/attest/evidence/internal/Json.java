package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.internal.Hex;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Typed field access on collateral JSON; missing or mistyped fields are malformed collateral. */
final class Json {
  private Json() {}

  static JsonNode field(JsonNode n, String name) {
    JsonNode v = n == null ? null : n.get(name);
    if (v == null || v.isNull()) {
      throw new MalformedEvidenceException("collateral field '" + name + "' missing");
    }
    return v;
  }

  static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isString()) {
      throw new MalformedEvidenceException("collateral field '" + name + "' is not a string");
    }
    return v.asString();
  }

  static int integer(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new MalformedEvidenceException("collateral field '" + name + "' is not an integer");
    }
    return v.asInt();
  }

  static byte[] hex(JsonNode n, String name) {
    return EvidenceHex.decode(text(n, name));
  }

  static long hexLong(JsonNode n, String name) {
    String t = text(n, name);
    if (t.isEmpty() || t.length() > 8 || !Hex.isHex(t.length() % 2 == 0 ? t : "0" + t)) {
      throw new MalformedEvidenceException("collateral field '" + name + "' is not a 32-bit hex value");
    }
    return Long.parseLong(t, 16);
  }

  static Instant instant(JsonNode n, String name) {
    try {
      return Instant.parse(text(n, name));
    } catch (DateTimeParseException e) {
      throw new MalformedEvidenceException("collateral field '" + name + "' is not an ISO instant");
    }
  }

  static JsonNode array(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isArray()) {
      throw new MalformedEvidenceException("collateral field '" + name + "' is not an array");
    }
    return v;
  }
}
