package io.spillover.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code /http/{function}} answers for an OpenWhisk action's result. */
class HttpFrontendEnvelopeTest {
  private static String unwrap(String result) {
    return new String(HttpFrontend.unwrapEnvelope(result.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  @Test
  void aSpilloverActionsWrappedEnvelopeIsUnwrapped() {
    assertThat(unwrap("{\"envelope\":{\"v\":1,\"id\":\"a\",\"ok\":false,\"error\":{\"type\":\"X\"}}}"))
        .isEqualTo("{\"v\":1,\"id\":\"a\",\"ok\":false,\"error\":{\"type\":\"X\"}}");
  }

  @Test
  void anyOtherResultGoesOutAsItIs() {
    assertThat(unwrap("{\"v\":1,\"id\":\"a\",\"ok\":true,\"body\":1}"))
        .isEqualTo("{\"v\":1,\"id\":\"a\",\"ok\":true,\"body\":1}");
    assertThat(unwrap("{\"envelope\":{\"v\":1},\"extra\":true}"))
        .isEqualTo("{\"envelope\":{\"v\":1},\"extra\":true}");
    assertThat(unwrap("{\"envelope\":\"text\"}")).isEqualTo("{\"envelope\":\"text\"}");
    assertThat(unwrap("not json")).isEqualTo("not json");
  }
}
