package io.spillover.wire;

import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorType;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire envelope (version 2), the same on every platform. A JSON body is embedded as it is
 * (no re-parse on encode, a byte slice on decode); a non-JSON body travels base64 in
 * {@code body64}; a sealed request as {@code "sealed":{"session","ct"}}, and every reply to it,
 * result or error, as {@code "sealed":{"ct"}} with no {@code ok}, {@code body} or {@code error}
 * beside it ({@link SealedFrames} says what is inside).
 *
 * <p>Decoding is strict: the version must be the integer 2, every member has one JSON type,
 * duplicate keys (anywhere, the body included) and data after the envelope are malformed, and
 * members that contradict each other ({@code body} and {@code sealed}) are refused. Errors are
 * {@link EnvelopeException}s with fixed texts that never quote the input.
 */
public final class EnvelopeFormat {
  /** Version 2: sealed replies carry results and errors alike; sealed bodies are framed. */
  public static final int VERSION = 2;
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private EnvelopeFormat() {}

  /**
   * The bytes of {@code e}. {@code jsonBody}: the body is one JSON value and is embedded as it
   * is; otherwise it travels base64. Fails with {@link CodecException} only if writing fails.
   */
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

  /** The bytes of {@code e}; {@code jsonBody} as for {@link #encodeRequest}. */
  public static byte[] encodeResponse(ResponseEnvelope e, boolean jsonBody) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(e.body));
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("v", VERSION);
      if (e.id != null) {
        g.writeStringProperty("id", e.id);
      }
      if (e.sealed()) {
        g.writeName("sealed");
        g.writeStartObject();
        g.writeStringProperty("ct", base64(e.sealedCiphertext));
        g.writeEndObject();
      } else {
        g.writeBooleanProperty("ok", e.ok);
      }
      if (!e.sealed() && e.ok && e.body != null) {
        writeBody(g, out, e.body, jsonBody);
      }
      if (!e.sealed() && !e.ok) {
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

  /** A request envelope, checked strictly; fails with {@link EnvelopeException}. */
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
    if (f.sealedCt != null && f.body != null) {
      throw malformed("request envelope has both \"body\" and \"sealed\"");
    }
    return new RequestEnvelope(f.id, f.service, f.deadline, f.trace, f.warm, f.body,
        f.sealedSession, f.sealedCt);
  }

  /** A response envelope, checked strictly; fails with {@link EnvelopeException}. */
  public static ResponseEnvelope decodeResponse(byte[] bytes) {
    EnvelopeFields f = parse(bytes);
    if (f.sealedCt != null) {
      if (f.ok != null || f.body != null || f.errorType != null || f.sealedSession != null) {
        throw malformed("a sealed reply carries only \"sealed\".\"ct\"");
      }
      return ResponseEnvelope.sealed(f.id, f.sealedCt, f.cold, f.ms);
    }
    if (f.ok == null) {
      throw malformed("response envelope has neither \"ok\" nor \"sealed\"");
    }
    if (!f.ok && f.errorType == null) {
      throw malformed("error envelope has no \"error\".\"type\"");
    }
    if (f.ok ? f.errorType != null : f.body != null) {
      throw malformed("a reply is either a result or an error");
    }
    return new ResponseEnvelope(f.id, f.ok, f.body, null, f.errorType, f.errorMessage, f.cold,
        f.ms);
  }

  private static EnvelopeFields parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw malformed("empty envelope");
    }
    try (JsonParser p = MAPPER.createParser(bytes)) {
      EnvelopeFields f = new EnvelopeFields();
      f.read(p, bytes);
      return f;
    } catch (StreamReadException ex) {
      // the parser's own message quotes the input: keep it as the cause only
      boolean duplicate = String.valueOf(ex.getOriginalMessage()).startsWith("Duplicate");
      throw new EnvelopeException(FunctionErrorType.MALFORMED,
          duplicate ? "duplicate key" : "not valid JSON", ex);
    } catch (JacksonException ex) {
      throw new EnvelopeException(FunctionErrorType.MALFORMED, "not valid JSON", ex);
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

  static EnvelopeException malformed(String fixedText) {
    return EnvelopeFields.malformed(fixedText);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static int length(byte[] body) {
    return body == null ? 0 : body.length;
  }
}
