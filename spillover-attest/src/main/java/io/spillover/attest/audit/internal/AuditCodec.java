package io.spillover.attest.audit.internal;

import io.spillover.attest.audit.AuditRecord;
import io.spillover.attest.internal.Hex;
import io.spillover.attest.internal.Tinks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Canonical JSON of audit records, their hashes, and parsing a line back. */
public final class AuditCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  // reading is stricter than writing: a duplicate key would let a line show one value to a
  // reader and hash as another; trailing tokens are refused as well (Jackson 3's default)
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Set<String> FIELDS =
      Set.of("seq", "time", "kind", "details", "prevHash", "hash");

  private AuditCodec() {}

  /** The record without its hash, fields in fixed order, details sorted: the hashed bytes. */
  public static String canonical(long seq, String time, String kind, Map<String, String> details,
      String prevHash) {
    return JSON.writeValueAsString(node(seq, time, kind, details, prevHash));
  }

  public static String hash(String canonical) {
    try {
      return Hex.encode(Tinks.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public static String line(AuditRecord r) {
    ObjectNode node = node(r.seq(), r.time(), r.kind(), r.details(), r.prevHash());
    node.put("hash", r.hash());
    return JSON.writeValueAsString(node);
  }

  /** @throws IllegalArgumentException when the line is not a well-formed record */
  public static AuditRecord parse(String line) {
    JsonNode node;
    try {
      node = STRICT.readTree(line);
    } catch (JacksonException e) {
      String problem = e.getOriginalMessage();
      throw new IllegalArgumentException(problem.startsWith("Duplicate")
          ? "duplicate key: " + problem : "not JSON: " + problem);
    }
    if (node == null || !node.isObject() || !Set.copyOf(node.propertyNames()).equals(FIELDS)) {
      throw new IllegalArgumentException("not an audit record (fields must be " + FIELDS + ")");
    }
    JsonNode seq = node.get("seq");
    // a number past 64 bits would make longValue() throw Jackson's own exception
    if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw new IllegalArgumentException("seq is not a 64-bit integer");
    }
    JsonNode details = node.get("details");
    if (!details.isObject()) {
      throw new IllegalArgumentException("details is not an object");
    }
    Map<String, String> facts = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : details.properties()) {
      facts.put(e.getKey(), text(e.getValue(), "details." + e.getKey()));
    }
    return new AuditRecord(seq.longValue(), text(node.get("time"), "time"),
        text(node.get("kind"), "kind"), facts, text(node.get("prevHash"), "prevHash"),
        text(node.get("hash"), "hash"));
  }

  private static String text(JsonNode node, String what) {
    if (!node.isString()) {
      throw new IllegalArgumentException(what + " is not a string");
    }
    return node.stringValue();
  }

  private static ObjectNode node(long seq, String time, String kind, Map<String, String> details,
      String prevHash) {
    ObjectNode node = JSON.createObjectNode();
    node.put("seq", seq);
    node.put("time", time);
    node.put("kind", kind);
    ObjectNode facts = node.putObject("details");
    new TreeMap<>(details).forEach(facts::put);
    node.put("prevHash", prevHash);
    return node;
  }
}
