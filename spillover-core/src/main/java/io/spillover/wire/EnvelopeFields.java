package io.spillover.wire;

import io.spillover.function.FunctionErrorType;
import java.util.Base64;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of either envelope kind, read in one strict streaming pass: every known member has
 * exactly one JSON type ({@code "v":1.9} or {@code "ok":"yes"} is malformed, not coerced), the
 * version is checked as soon as it is read, and nothing may follow the envelope. Duplicate keys
 * are refused by the parser itself. Error texts are fixed: they never quote the input.
 */
final class EnvelopeFields {
  int version = -1;
  String id;
  String service;
  long deadline;
  String trace;
  boolean warm;
  byte[] body;
  String sealedSession;
  byte[] sealedCt;
  Boolean ok;
  String errorType;
  String errorMessage;
  boolean cold;
  long ms;

  void read(JsonParser p, byte[] source) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw malformed("an envelope is a JSON object");
    }
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "v": version(p, t); break;
        case "id": id = text(p, t, "\"id\" must be a string"); break;
        case "svc": service = text(p, t, "\"svc\" must be a string"); break;
        case "deadline": deadline = integer(p, t, "\"deadline\" must be an integer"); break;
        case "trace": trace = text(p, t, "\"trace\" must be a string"); break;
        case "warm": warm = bool(t, "\"warm\" must be a boolean"); break;
        case "ok": ok = bool(t, "\"ok\" must be a boolean"); break;
        case "cold": cold = bool(t, "\"cold\" must be a boolean"); break;
        case "ms": ms = integer(p, t, "\"ms\" must be an integer"); break;
        case "body": body(slice(p, t, source)); break;
        case "body64": body(decode64(text(p, t, "\"body64\" must be a string"))); break;
        case "sealed": readSealed(p, t); break;
        case "error": readError(p, t); break;
        default: p.skipChildren(); // members of later minor revisions are ignored
      }
    }
    if (version < 0) {
      throw malformed("envelope has no \"v\"");
    }
    if (p.nextToken() != null) {
      throw malformed("data after the envelope");
    }
  }

  private void version(JsonParser p, JsonToken t) {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw malformed("\"v\" must be an integer");
    }
    long v = p.getLongValue();
    if (v != EnvelopeFormat.VERSION) {
      throw new EnvelopeException(FunctionErrorType.UNSUPPORTED_VERSION,
          "unsupported envelope version (this side speaks " + EnvelopeFormat.VERSION + ")", null);
    }
    version = (int) v;
  }

  private void body(byte[] value) {
    if (body != null) {
      throw malformed("envelope has both \"body\" and \"body64\"");
    }
    body = value;
  }

  private void readSealed(JsonParser p, JsonToken t) {
    requireObject(t, "\"sealed\" must be an object");
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("session")) {
        sealedSession = text(p, v, "\"sealed.session\" must be a string");
      } else if (name.equals("ct")) {
        sealedCt = decode64(text(p, v, "\"sealed.ct\" must be a string"));
      } else {
        p.skipChildren();
      }
    }
    if (sealedCt == null) {
      throw malformed("\"sealed\" has no \"ct\"");
    }
  }

  private void readError(JsonParser p, JsonToken t) {
    requireObject(t, "\"error\" must be an object");
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("type")) {
        errorType = text(p, v, "\"error.type\" must be a string");
      } else if (name.equals("message")) {
        errorMessage = text(p, v, "\"error.message\" must be a string");
      } else {
        p.skipChildren();
      }
    }
  }

  static EnvelopeException malformed(String fixedText) {
    return new EnvelopeException(FunctionErrorType.MALFORMED, fixedText, null);
  }

  private static void requireObject(JsonToken t, String fixedText) {
    if (t != JsonToken.START_OBJECT) {
      throw malformed(fixedText);
    }
  }

  private static String text(JsonParser p, JsonToken t, String fixedText) {
    if (t != JsonToken.VALUE_STRING) {
      throw malformed(fixedText);
    }
    return p.getString();
  }

  private static long integer(JsonParser p, JsonToken t, String fixedText) {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw malformed(fixedText);
    }
    return p.getLongValue(); // beyond a long: the parser throws, and that is malformed too
  }

  private static boolean bool(JsonToken t, String fixedText) {
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw malformed(fixedText);
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static byte[] slice(JsonParser p, JsonToken t, byte[] source) {
    long start = p.currentTokenLocation().getByteOffset();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
    } else {
      p.getString(); // completes a lazily parsed scalar so the location below is its end
    }
    long end = p.currentLocation().getByteOffset();
    if (start < 0 || end > source.length || end <= start) {
      throw malformed("cannot locate \"body\"");
    }
    byte[] body = new byte[(int) (end - start)];
    System.arraycopy(source, (int) start, body, 0, body.length);
    return body;
  }

  private static byte[] decode64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException ex) {
      throw malformed("a base64 member is not base64");
    }
  }
}
