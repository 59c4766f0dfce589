package io.spillover.internal;

import io.spillover.codec.CodecException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire envelope (version 1), the same on every platform. A JSON body is embedded as it is
 * (no re-parse on encode, a byte slice on decode); a non-JSON body travels base64 in
 * {@code body64}; a sealed body as {@code "sealed":{"session","ct"}}.
 */
public final class EnvelopeFormat {
  public static final int VERSION = 1;
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private EnvelopeFormat() {}

  public static byte[] encodeRequest(RequestEnvelope e, boolean jsonBody) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(e.body));
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("v", VERSION);
      g.writeStringProperty("id", e.id);
      g.writeStringProperty("svc", e.service);
      g.writeNumberProperty("deadline", e.deadlineEpochMillis);
      if (e.traceparent != null) {
        g.writeStringProperty("trace", e.traceparent);
      }
      if (e.warmup) {
        g.writeBooleanProperty("warm", true);
      }
      if (e.sealed()) {
        g.writeName("sealed");
        g.writeStartObject();
        g.writeStringProperty("session", e.sealedSession);
        g.writeStringProperty("ct", base64(e.sealedCiphertext));
        g.writeEndObject();
      } else if (e.body != null) {
        writeBody(g, out, e.body, jsonBody);
      }
      g.writeEndObject();
    } catch (JacksonException ex) {
      throw new CodecException("cannot encode request envelope: " + ex.getOriginalMessage(), ex);
    }
    return out.toByteArray();
  }

  public static byte[] encodeResponse(ResponseEnvelope e, boolean jsonBody) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(e.body));
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("v", VERSION);
      if (e.id != null) {
        g.writeStringProperty("id", e.id);
      }
      g.writeBooleanProperty("ok", e.ok);
      if (e.ok && e.sealedCiphertext != null) {
        g.writeName("sealed");
        g.writeStartObject();
        g.writeStringProperty("ct", base64(e.sealedCiphertext));
        g.writeEndObject();
      } else if (e.ok && e.body != null) {
        writeBody(g, out, e.body, jsonBody);
      }
      if (!e.ok) {
        g.writeName("error");
        g.writeStartObject();
        g.writeStringProperty("type", e.errorType);
        g.writeStringProperty("message", e.errorMessage == null ? "" : e.errorMessage);
        g.writeEndObject();
      }
      g.writeBooleanProperty("cold", e.cold);
      g.writeNumberProperty("ms", e.millis);
      g.writeEndObject();
    } catch (JacksonException ex) {
      throw new CodecException("cannot encode response envelope: " + ex.getOriginalMessage(), ex);
    }
    return out.toByteArray();
  }

  public static RequestEnvelope decodeRequest(byte[] bytes) {
    EnvelopeFields f = parse(bytes);
    if (f.id == null || f.id.isEmpty()) {
      throw malformed("request envelope has no \"id\"");
    }
    if (f.service == null || f.service.isEmpty()) {
      throw malformed("request envelope has no \"svc\"");
    }
    if (f.deadline <= 0) {
      throw malformed("request envelope has no positive \"deadline\"");
    }
    if (!f.warm && f.body == null && f.sealedCt == null) {
      throw malformed("request envelope has neither \"body\" nor \"sealed\"");
    }
    if (f.sealedCt != null && f.sealedSession == null) {
      throw malformed("sealed request has no \"session\"");
    }
    return new RequestEnvelope(f.id, f.service, f.deadline, f.trace, f.warm, f.body,
        f.sealedSession, f.sealedCt);
  }

  public static ResponseEnvelope decodeResponse(byte[] bytes) {
    EnvelopeFields f = parse(bytes);
    if (f.ok == null) {
      throw malformed("response envelope has no \"ok\"");
    }
    if (!f.ok && f.errorType == null) {
      throw malformed("error envelope has no \"error\".\"type\"");
    }
    return new ResponseEnvelope(f.id, f.ok, f.body, f.sealedCt, f.errorType, f.errorMessage,
        f.cold, f.ms);
  }

  private static EnvelopeFields parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw malformed("empty envelope");
    }
    try (JsonParser p = MAPPER.createParser(bytes)) {
      EnvelopeFields f = new EnvelopeFields();
      f.read(p, bytes);
      if (f.version != VERSION) {
        throw malformed("unsupported envelope version " + f.version + " (expected " + VERSION + ")");
      }
      return f;
    } catch (JacksonException ex) {
      throw malformed("not a JSON envelope: " + ex.getOriginalMessage());
    }
  }

  private static void writeBody(JsonGenerator g, ByteArrayOutputStream out, byte[] body,
      boolean json) {
    if (json) {
      g.writeName("body");
      // an empty raw value tells the generator a value was written (so the next separator comes
      // out right); the body's bytes go straight to the stream, with no UTF-16 round trip
      g.writeRawValue("");
      g.flush();
      out.writeBytes(body);
    } else {
      g.writeStringProperty("body64", base64(body));
    }
  }

  static CodecException malformed(String message) {
    return new CodecException("malformed envelope: " + message, null);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static int length(byte[] body) {
    return body == null ? 0 : body.length;
  }

  /** Fields of either envelope kind, read in one streaming pass. */
  private static final class EnvelopeFields {
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
          case "v": version = p.getIntValue(); break;
          case "id": id = text(p, t, name); break;
          case "svc": service = text(p, t, name); break;
          case "deadline": deadline = p.getLongValue(); break;
          case "trace": trace = text(p, t, name); break;
          case "warm": warm = t == JsonToken.VALUE_TRUE; break;
          case "ok": ok = t == JsonToken.VALUE_TRUE; break;
          case "cold": cold = t == JsonToken.VALUE_TRUE; break;
          case "ms": ms = p.getLongValue(); break;
          case "body": body = slice(p, t, source); break;
          case "body64": body = decode64(text(p, t, name), name); break;
          case "sealed": readSealed(p, t); break;
          case "error": readError(p, t); break;
          default: p.skipChildren(); // unknown fields are ignored for forward compatibility
        }
      }
    }

    private void readSealed(JsonParser p, JsonToken t) {
      requireObject(t, "sealed");
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("session")) {
          sealedSession = text(p, v, "sealed.session");
        } else if (name.equals("ct")) {
          sealedCt = decode64(text(p, v, "sealed.ct"), "sealed.ct");
        } else {
          p.skipChildren();
        }
      }
      if (sealedCt == null) {
        throw malformed("\"sealed\" has no \"ct\"");
      }
    }

    private void readError(JsonParser p, JsonToken t) {
      requireObject(t, "error");
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("type")) {
          errorType = text(p, v, "error.type");
        } else if (name.equals("message")) {
          errorMessage = text(p, v, "error.message");
        } else {
          p.skipChildren();
        }
      }
    }

    private static void requireObject(JsonToken t, String name) {
      if (t != JsonToken.START_OBJECT) {
        throw malformed("\"" + name + "\" must be an object");
      }
    }

    private static String text(JsonParser p, JsonToken t, String name) {
      if (t != JsonToken.VALUE_STRING) {
        throw malformed("\"" + name + "\" must be a string");
      }
      return p.getString();
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

    private static byte[] decode64(String text, String name) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException ex) {
        throw malformed("\"" + name + "\" is not base64");
      }
    }
  }
}
