package io.spillover.bench.experiment;

import io.spillover.internal.EnvelopeFormat;
import io.spillover.internal.RequestEnvelope;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A proposed change to {@link EnvelopeFormat#encodeRequest}, kept here to measure it: the JSON
 * body is copied into the output as bytes instead of going through
 * {@code writeRawValue(new String(body, UTF_8))}, which decodes the body to UTF-16 and encodes it
 * back. Only the plain-body case differs; delete this class once the core has the change.
 */
public final class RawBodyEnvelope {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private RawBodyEnvelope() {}

  /** The same bytes as {@code EnvelopeFormat.encodeRequest(e, true)} for a plain JSON body. */
  public static byte[] encodeRequest(RequestEnvelope e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + e.body.length);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("v", EnvelopeFormat.VERSION);
      g.writeStringProperty("id", e.id);
      g.writeStringProperty("svc", e.service);
      g.writeNumberProperty("deadline", e.deadlineEpochMillis);
      if (e.traceparent != null) {
        g.writeStringProperty("trace", e.traceparent);
      }
      g.writeName("body");
      g.writeRawValue(""); // marks the value as written; its bytes follow, past the generator
      g.flush();
      out.write(e.body, 0, e.body.length);
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
