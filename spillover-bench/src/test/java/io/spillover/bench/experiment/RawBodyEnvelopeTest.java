package io.spillover.bench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillover.bench.support.Post;
import io.spillover.codec.Codec;
import io.spillover.internal.EnvelopeFormat;
import io.spillover.internal.RequestEnvelope;
import org.junit.jupiter.api.Test;

/** The proposed encode is only worth measuring if it writes exactly what the core writes. */
class RawBodyEnvelopeTest {

  @Test
  void writesTheSameBytesAsTheCore() {
    byte[] body = Codec.json().encode(Post.ofSize(1024));
    for (String trace : new String[] {null,
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}) {
      RequestEnvelope e = new RequestEnvelope("id-1", "compose-post", 1_767_225_600_000L, trace,
          false, body, null, null);
      assertThat(RawBodyEnvelope.encodeRequest(e)).isEqualTo(EnvelopeFormat.encodeRequest(e, true));
    }
  }

  @Test
  void aNonAsciiBodySurvivesTheRoundTrip() {
    Post p = Post.ofSize(300);
    p.text = "caf\u00e9 \u2603 \ud83d\ude80 " + p.text;
    byte[] body = Codec.json().encode(p);
    RequestEnvelope e = new RequestEnvelope("id-2", "compose-post", 1_767_225_600_000L, null,
        false, body, null, null);
    RequestEnvelope back = EnvelopeFormat.decodeRequest(RawBodyEnvelope.encodeRequest(e));
    assertThat(Codec.json().decode(back.body, Post.class).text).isEqualTo(p.text);
  }
}
