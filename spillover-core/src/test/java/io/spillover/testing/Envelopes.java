package io.spillover.testing;

import io.spillover.wire.EnvelopeFormat;
import io.spillover.wire.RequestEnvelope;
import io.spillover.wire.ResponseEnvelope;
import java.nio.charset.StandardCharsets;

/** Real envelopes for tests, made by the core's own envelope format. */
public final class Envelopes {
  private Envelopes() {}

  public static byte[] request(String id, String service, long deadline, String jsonBody) {
    return EnvelopeFormat.encodeRequest(new RequestEnvelope(id, service, deadline, null, false,
        jsonBody.getBytes(StandardCharsets.UTF_8), null, null), true);
  }

  public static String okReply(String id, String jsonBody) {
    return new String(EnvelopeFormat.encodeResponse(new ResponseEnvelope(id, true,
        jsonBody.getBytes(StandardCharsets.UTF_8), null, null, null, false, 3), true),
        StandardCharsets.UTF_8);
  }

  public static String errorReply(String id, String type, String message) {
    return new String(EnvelopeFormat.encodeResponse(
        ResponseEnvelope.error(id, type, message, false, 1), true), StandardCharsets.UTF_8);
  }
}
