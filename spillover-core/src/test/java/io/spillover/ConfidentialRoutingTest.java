package io.spillover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpillRejectedException.Reason;
import io.spillover.function.Invocation;
import io.spillover.seal.CallSealer;
import io.spillover.seal.SealedChannel;
import io.spillover.seal.SealedPayload;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The routing policy for confidential calls, over every combination of classification, sealed
 * channel present or not, breaker state and budget: a confidential payload never leaves in plain
 * text and never goes to a target without a channel.
 */
class ConfidentialRoutingTest {
  private static final String SECRET = "card-4111111111111111";

  /** A stand-in channel that reverses bytes: enough to see that the plain text never leaves. */
  private static final SealedChannel REVERSING = new SealedChannel() {
    @Override
    public SealedPayload seal(String service, String id, long deadline, byte[] body) {
      return new SealedPayload("session-1", reverse(body));
    }

    @Override
    public byte[] openReply(String service, String id, byte[] ciphertext) {
      return reverse(ciphertext);
    }
  };

  @Test
  void noConfidentialPayloadEverLeavesInPlainTextOrToAnUnverifiedTarget() throws Exception {
    for (Classification c : Classification.values()) {
      for (boolean channel : new boolean[] {false, true}) {
        for (boolean breakerOpen : new boolean[] {false, true}) {
          for (boolean budgetFull : new boolean[] {false, true}) {
            check(c, channel, breakerOpen, budgetFull);
          }
        }
      }
    }
  }

  private void check(Classification c, boolean channel, boolean breakerOpen, boolean budgetFull)
      throws Exception {
    String label = c + " channel=" + channel + " open=" + breakerOpen + " full=" + budgetFull;
    CallSealer sealer = target -> channel ? Optional.of(REVERSING) : Optional.empty();
    try (SpillwayFixture f = new SpillwayFixture(SpilloverRegistry.builder().callSealer(sealer))) {
      Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().classification(c)
          .idempotent(true).maxSpillsPerSecond(1).build());
      f.fill(sw, 1);
      if (budgetFull) {
        // the rate budget holds one token: a public call spends it
        sw.call(new Echo("warm"), CallOptions.builder()
            .classification(Classification.PUBLIC).build(), e -> e);
        f.provider.invocations.clear();
      }
      if (breakerOpen) {
        f.registry.circuitBreakerRegistry().circuitBreaker("scripted:twin").transitionToOpenState();
      }
      boolean mayRun = !breakerOpen && !budgetFull
          && (c != Classification.CONFIDENTIAL || channel);
      try {
        Echo r = sw.call(new Echo(SECRET), e -> e);
        assertThat(mayRun).as(label).isTrue();
        assertThat(r.text).as(label).isEqualTo("fn:" + SECRET);
      } catch (SpillRejectedException e) {
        assertThat(mayRun).as(label + " " + e.getMessage()).isFalse();
        if (c == Classification.CONFIDENTIAL && !channel) {
          assertThat(e.reason()).as(label).isEqualTo(Reason.CONFIDENTIAL_NO_SEALED_CHANNEL);
        }
      }
      for (Invocation inv : f.provider.invocations) {
        String wire = new String(inv.payload(), StandardCharsets.UTF_8);
        if (c == Classification.CONFIDENTIAL) {
          assertThat(channel).as(label).isTrue();
          assertThat(wire).as(label).doesNotContain(SECRET).contains("\"sealed\"");
        }
      }
    }
  }

  @Test
  void aConfidentialCallWithoutSealerStaysLocalAndSaysWhy() throws Exception {
    try (SpillwayFixture f = new SpillwayFixture()) {
      Spillway<Echo, Echo> sw = f.spillway(SpillwayFixture.config().build());
      f.fill(sw, 1);
      assertThatThrownBy(() -> sw.call(new Echo(SECRET),
          CallOptions.builder().confidential().build(), e -> e))
          .isInstanceOfSatisfying(SpillRejectedException.class, e -> assertThat(e.reason())
              .isEqualTo(Reason.CONFIDENTIAL_NO_SEALED_CHANNEL));
      assertThat(f.provider.invocations).isEmpty();
    }
  }

  static byte[] reverse(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[in.length - 1 - i];
    }
    return out;
  }
}
