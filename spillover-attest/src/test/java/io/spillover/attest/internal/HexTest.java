package io.spillover.attest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.internal.EvidenceHex;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void strictDecodingRoundTripsAndRefusesWhatIsNotHex() {
    byte[] bytes = {0, 15, -1, 16};
    assertThat(Hex.encode(bytes)).isEqualTo("000fff10");
    assertThat(Hex.decode("000FFF10")).containsExactly(bytes);
    assertThat(Hex.encode(null)).isNull();
    assertThatThrownBy(() -> Hex.decode("0x00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.decode("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Hex.isHex("0a0B")).isTrue();
    assertThat(Hex.isHex("")).isFalse();
    assertThat(Hex.isHex("0g")).isFalse();
  }

  @Test
  void evidenceHexAllowsWhatFilesWriteAndFailsAsMalformedEvidence() {
    assertThat(EvidenceHex.decode(" 0xA0ff\n")).containsExactly(0xa0, 0xff);
    assertThatThrownBy(() -> EvidenceHex.decode("0xabc"))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("odd number");
    assertThatThrownBy(() -> EvidenceHex.decode("zz"))
        .isInstanceOf(MalformedEvidenceException.class);
  }
}
