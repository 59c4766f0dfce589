package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * An AWS Nitro attestation document: COSE_Sign1 {@code [protected, unprotected, payload,
 * signature]} (optionally tag 18) whose payload is the attestation map.
 */
public final class NitroDocument {
  private static final CBORMapper CBOR = CBORMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final int ES384 = -35;
  private static final int MAX_FIELD = 1024;

  public final byte[] protectedHeader;
  public final byte[] payload;
  public final byte[] signature;
  public final String moduleId;
  public final String digest;
  public final long timestampMillis;
  public final Map<Integer, byte[]> pcrs;
  public final byte[] certificate;
  public final List<byte[]> cabundle;
  public final byte[] publicKey;
  public final byte[] userData;
  public final byte[] nonce;

  private NitroDocument(JsonNode cose) {
    if (!cose.isArray() || cose.size() != 4) {
      throw new MalformedEvidenceException("COSE_Sign1 must be an array of 4 elements");
    }
    protectedHeader = binary(cose.get(0), "protected header");
    payload = binary(cose.get(2), "payload");
    signature = binary(cose.get(3), "signature");
    JsonNode header = read(protectedHeader, "protected header");
    JsonNode alg = header.get("1");
    if (alg == null || !alg.isIntegralNumber() || alg.asLong() != ES384) {
      throw new MalformedEvidenceException("protected header must declare ES384 (alg -35)");
    }
    JsonNode doc = read(payload, "payload");
    if (!doc.isObject()) {
      throw new MalformedEvidenceException("payload is not a map");
    }
    moduleId = text(doc, "module_id");
    digest = text(doc, "digest");
    JsonNode ts = doc.get("timestamp");
    if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong() || ts.asLong() <= 0) {
      throw new MalformedEvidenceException("timestamp missing or not a positive integer");
    }
    timestampMillis = ts.asLong();
    pcrs = pcrs(doc.get("pcrs"));
    certificate = binary(doc.get("certificate"), "certificate");
    cabundle = bundle(doc.get("cabundle"));
    publicKey = optional(doc, "public_key");
    userData = optional(doc, "user_data");
    nonce = optional(doc, "nonce");
  }

  public static NitroDocument parse(byte[] bytes) {
    return new NitroDocument(read(bytes, "COSE_Sign1"));
  }

  /** Sig_structure = ["Signature1", protected, h'', payload] in canonical CBOR (RFC 9052 §4.4). */
  public byte[] sigStructure() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 64);
    out.write(0x84);
    byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
    head(out, 3, context.length);
    out.writeBytes(context);
    head(out, 2, protectedHeader.length);
    out.writeBytes(protectedHeader);
    head(out, 2, 0);
    head(out, 2, payload.length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static void head(ByteArrayOutputStream out, int major, long len) {
    int mt = major << 5;
    if (len < 24) {
      out.write(mt | (int) len);
    } else if (len < 0x100) {
      out.write(mt | 24);
      out.write((int) len);
    } else if (len < 0x10000) {
      out.write(mt | 25);
      out.write((int) (len >> 8));
      out.write((int) len);
    } else {
      out.write(mt | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write((int) (len >> shift));
      }
    }
  }

  private static JsonNode read(byte[] bytes, String what) {
    try {
      JsonNode n = CBOR.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw new MalformedEvidenceException(what + " is empty");
      }
      return n;
    } catch (JacksonException e) {
      throw new MalformedEvidenceException(what + " is not valid CBOR: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<Integer, byte[]> pcrs(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new MalformedEvidenceException("pcrs missing or empty");
    }
    Map<Integer, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      int index;
      try {
        index = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new MalformedEvidenceException("PCR index is not an integer: " + e.getKey());
      }
      if (index < 0 || index > 31) {
        throw new MalformedEvidenceException("PCR index out of range: " + index);
      }
      byte[] value = binary(e.getValue(), "PCR" + index);
      if (value.length != 32 && value.length != 48 && value.length != 64) {
        throw new MalformedEvidenceException("PCR" + index + " has length " + value.length);
      }
      out.put(index, value);
    }
    return out;
  }

  private static List<byte[]> bundle(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new MalformedEvidenceException("cabundle missing or empty");
    }
    List<byte[]> out = new ArrayList<>();
    for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); ) {
      out.add(binary(it.next(), "cabundle entry"));
    }
    return out;
  }

  private static byte[] optional(JsonNode doc, String field) {
    JsonNode n = doc.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    byte[] v = binary(n, field);
    if (v.length > MAX_FIELD) {
      throw new MalformedEvidenceException(field + " exceeds " + MAX_FIELD + " bytes");
    }
    return v;
  }

  private static String text(JsonNode doc, String field) {
    JsonNode n = doc.get(field);
    if (n == null || !n.isString()) {
      throw new MalformedEvidenceException(field + " missing or not text");
    }
    return n.asString();
  }

  private static byte[] binary(JsonNode n, String what) {
    if (n == null || !n.isBinary()) {
      throw new MalformedEvidenceException(what + " missing or not a byte string");
    }
    return n.binaryValue();
  }
}
