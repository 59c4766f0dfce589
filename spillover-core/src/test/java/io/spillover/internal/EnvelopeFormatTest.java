package io.spillover.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.codec.CodecException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeFormatTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aJsonBodyIsEmbeddedAndSlicedBackByteForByte() {
    String body = "{\"a\":[1,2,{\"b\":\"\\u00e9 \\\"q\\\"\"}],\"c\":null}";
    byte[] wire = EnvelopeFormat.encodeRequest(new RequestEnvelope("id-1", "svc", 123L,
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", false, utf8(body), null,
        null), true);
    assertThat(new String(wire, StandardCharsets.UTF_8))
        .startsWith("{\"v\":1,\"id\":\"id-1\",\"svc\":\"svc\",\"deadline\":123,\"trace\":")
        .contains("\"body\":" + body);
    RequestEnvelope back = EnvelopeFormat.decodeRequest(wire);
    assertThat(new String(back.body, StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(back.traceparent).startsWith("00-0af7");
    assertThat(back.deadlineEpochMillis).isEqualTo(123L);
  }

  @Test
  void scalarBodiesRoundTrip() {
    for (String body : new String[] {"\"text\"", "42", "true", "null"}) {
      byte[] wire = EnvelopeFormat.encodeRequest(new RequestEnvelope("i", "s", 1L, null, false,
          utf8(body), null, null), true);
      assertThat(new String(EnvelopeFormat.decodeRequest(wire).body, StandardCharsets.UTF_8))
          .isEqualTo(body);
    }
  }

  @Test
  void aNonJsonBodyTravelsAsBase64() {
    byte[] raw = {0, 1, 2, (byte) 0xff};
    byte[] wire = EnvelopeFormat.encodeRequest(new RequestEnvelope("i", "s", 1L, null, false,
        raw, null, null), false);
    assertThat(new String(wire, StandardCharsets.UTF_8)).contains("\"body64\":\"AAEC/w==\"");
    assertThat(EnvelopeFormat.decodeRequest(wire).body).isEqualTo(raw);
  }

  @Test
  void sealedRequestsCarrySessionAndCiphertextOnly() {
    byte[] wire = EnvelopeFormat.encodeRequest(new RequestEnvelope("i", "s", 1L, null, false,
        null, "hdr", new byte[] {9, 9}), true);
    RequestEnvelope back = EnvelopeFormat.decodeRequest(wire);
    assertThat(back.sealed()).isTrue();
    assertThat(back.body).isNull();
    assertThat(back.sealedCiphertext).containsExactly(9, 9);
  }

  @Test
  void responsesRoundTrip() {
    byte[] ok = EnvelopeFormat.encodeResponse(new ResponseEnvelope("i", true, utf8("{\"x\":1}"),
        null, null, null, true, 12), true);
    assertThat(new String(ok, StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1,\"id\":\"i\",\"ok\":true,\"body\":{\"x\":1},\"cold\":true,\"ms\":12}");
    byte[] err = EnvelopeFormat.encodeResponse(ResponseEnvelope.error("i", "T", "m \"q\"", false,
        3), true);
    ResponseEnvelope back = EnvelopeFormat.decodeResponse(err);
    assertThat(back.ok).isFalse();
    assertThat(back.errorType).isEqualTo("T");
    assertThat(back.errorMessage).isEqualTo("m \"q\"");
  }

  @Test
  void malformedEnvelopesAreTypedErrors() {
    String[] bad = {"", "{", "[]", "{\"v\":1}", "{\"v\":\"1\",\"id\":\"i\"}",
        "{\"v\":1,\"id\":\"i\",\"svc\":\"s\",\"deadline\":5,\"sealed\":{\"session\":\"x\"}}",
        "{\"v\":1,\"id\":\"i\",\"svc\":\"s\",\"deadline\":5,\"body64\":\"***\"}",
        "{\"v\":1,\"id\":5,\"svc\":\"s\",\"deadline\":5,\"body\":{}}"};
    for (String b : bad) {
      assertThatThrownBy(() -> EnvelopeFormat.decodeRequest(utf8(b)))
          .as(b).isInstanceOf(CodecException.class).hasMessageContaining("malformed envelope");
    }
    assertThatThrownBy(() -> EnvelopeFormat.decodeResponse(utf8("{\"v\":1,\"ok\":false}")))
        .isInstanceOf(CodecException.class);
  }
}
