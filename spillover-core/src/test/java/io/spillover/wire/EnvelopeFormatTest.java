package io.spillover.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorType;
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
        .startsWith("{\"v\":2,\"id\":\"id-1\",\"svc\":\"svc\",\"deadline\":123,\"trace\":")
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
        .isEqualTo("{\"v\":2,\"id\":\"i\",\"ok\":true,\"body\":{\"x\":1},\"cold\":true,\"ms\":12}");
    byte[] err = EnvelopeFormat.encodeResponse(ResponseEnvelope.error("i", "T", "m \"q\"", false,
        3), true);
    ResponseEnvelope back = EnvelopeFormat.decodeResponse(err);
    assertThat(back.ok).isFalse();
    assertThat(back.errorType).isEqualTo("T");
    assertThat(back.errorMessage).isEqualTo("m \"q\"");
  }

  @Test
  void malformedEnvelopesAreTypedErrors() {
    String[] bad = {"", "{", "[]", "{\"v\":2}", "{\"v\":\"2\",\"id\":\"i\"}",
        "{\"v\":2,\"id\":\"i\",\"svc\":\"s\",\"deadline\":5,\"sealed\":{\"session\":\"x\"}}",
        "{\"v\":2,\"id\":\"i\",\"svc\":\"s\",\"deadline\":5,\"body64\":\"***\"}",
        "{\"v\":2,\"id\":5,\"svc\":\"s\",\"deadline\":5,\"body\":{}}"};
    for (String b : bad) {
      assertThatThrownBy(() -> EnvelopeFormat.decodeRequest(utf8(b)))
          .as(b).isInstanceOf(CodecException.class).hasMessageContaining("malformed envelope");
    }
    assertThatThrownBy(() -> EnvelopeFormat.decodeResponse(utf8("{\"v\":2,\"ok\":false}")))
        .isInstanceOf(CodecException.class);
  }

  private static final String GOOD =
      "{\"v\":2,\"id\":\"i\",\"svc\":\"s\",\"deadline\":5,\"body\":{\"ssn\":\"078-05-1120\"}}";

  @Test
  void theParserIsStrict() {
    assertThat(EnvelopeFormat.decodeRequest(utf8(GOOD)).id).isEqualTo("i");
    String[] bad = {
        GOOD.replace("\"v\":2", "\"v\":2.9"), // not the integer 2
        GOOD.replace("\"v\":2", "\"v\":2.0"),
        GOOD.replace("\"v\":2", "\"v\":true"),
        GOOD.replace("\"id\":\"i\"", "\"id\":\"i\",\"id\":\"j\""), // duplicate key
        GOOD.replace("{\"ssn\"", "{\"ssn\":1,\"ssn\""), // duplicate key inside the body
        GOOD + "{}", // trailing data
        GOOD + " x",
        GOOD.replace("\"deadline\":5", "\"deadline\":5.5"),
        GOOD.replace("\"deadline\":5", "\"deadline\":\"5\""),
        GOOD.replace("\"deadline\":5", "\"deadline\":5,\"warm\":\"yes\""),
        GOOD.replace("\"deadline\":5", "\"deadline\":5,\"body64\":\"AA==\""), // two bodies
        GOOD.replace("\"deadline\":5", "\"deadline\":5,\"sealed\":{\"session\":\"h\",\"ct\":\"AA==\"}")};
    for (String b : bad) {
      assertThatThrownBy(() -> EnvelopeFormat.decodeRequest(utf8(b))).as(b)
          .isInstanceOfSatisfying(EnvelopeException.class, e -> {
            assertThat(e.type()).isEqualTo(FunctionErrorType.MALFORMED);
            assertThat(e.getMessage()).as("fixed text, no request bytes")
                .doesNotContain("078-05-1120").doesNotContain("ssn").doesNotContain(" x");
          });
    }
    String[] badReplies = {
        "{\"v\":2,\"ok\":true,\"ok\":false,\"error\":{\"type\":\"T\"}}",
        "{\"v\":2,\"ok\":\"false\",\"error\":{\"type\":\"T\"}}",
        "{\"v\":2,\"ok\":false,\"error\":{\"type\":\"T\"}}{}",
        "{\"v\":2,\"ok\":true,\"body\":1,\"error\":{\"type\":\"T\"}}",
        "{\"v\":2,\"ok\":false,\"sealed\":{\"ct\":\"AA==\"}}", // a sealed reply has no ok
        "{\"v\":1.9,\"ok\":true,\"body\":1}"};
    for (String b : badReplies) {
      assertThatThrownBy(() -> EnvelopeFormat.decodeResponse(utf8(b))).as(b)
          .isInstanceOf(EnvelopeException.class);
    }
  }

  @Test
  void anotherVersionIsATypedErrorOfItsOwn() {
    for (String v : new String[] {"1", "3", "99999999999"}) {
      assertThatThrownBy(() -> EnvelopeFormat.decodeRequest(utf8(GOOD.replace("\"v\":2",
          "\"v\":" + v)))).isInstanceOfSatisfying(EnvelopeException.class,
              e -> assertThat(e.type()).isEqualTo(FunctionErrorType.UNSUPPORTED_VERSION));
    }
  }

  @Test
  void sealedRepliesCarryResultsAndErrorsInsideTheCiphertextOnly() {
    byte[] wire = EnvelopeFormat.encodeResponse(ResponseEnvelope.sealed("i", new byte[] {1, 2},
        false, 4), true);
    assertThat(new String(wire, StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":2,\"id\":\"i\",\"sealed\":{\"ct\":\"AQI=\"},\"cold\":false,\"ms\":4}");
    ResponseEnvelope back = EnvelopeFormat.decodeResponse(wire);
    assertThat(back.sealed()).isTrue();
    assertThat(back.sealedCiphertext).containsExactly(1, 2);
    assertThat(back.errorType).isNull();
    SealedFrames.Reply error = SealedFrames.openReply(SealedFrames.error("HANDLER_ERROR", "x é"));
    assertThat(error.ok()).isFalse();
    assertThat(error.errorType()).isEqualTo("HANDLER_ERROR");
    assertThat(error.errorMessage()).isEqualTo("x é");
    assertThat(SealedFrames.openReply(SealedFrames.result(new byte[] {7})).body()).containsExactly(7);
    assertThat(SealedFrames.openRequest(SealedFrames.request(true, new byte[] {7})).idempotent())
        .isTrue();
    for (byte[] bad : new byte[][] {{}, {2}, {1, 0}, {1, 9, 'A'}, {1, 1, 'A', (byte) 0xff}}) {
      assertThatThrownBy(() -> SealedFrames.openReply(bad)).isInstanceOf(CodecException.class);
    }
    assertThatThrownBy(() -> SealedFrames.openRequest(new byte[] {2, 0}))
        .isInstanceOf(CodecException.class);
  }
}
