package io.spillover.samples.social.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.samples.social.MutableClock;
import io.spillover.samples.social.model.PostType;
import io.spillover.samples.social.service.UniqueIdService.ComposeUniqueIdRequest;
import io.spillover.samples.social.service.internal.UniqueIdGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueIdServiceTest {
  private static final long EPOCH = UniqueIdGenerator.CUSTOM_EPOCH_MS;
  private final MutableClock clock = new MutableClock(EPOCH + 0x1234_5678L);

  private long next(UniqueIdService service) {
    return service.composeUniqueId(new ComposeUniqueIdRequest(1, PostType.POST)).uniqueId();
  }

  @Test
  void idIsMachineThenTimestampThenCounter() {
    UniqueIdService service = new UniqueIdService(0x5A3, clock);
    long id = next(service);
    assertThat(id >>> 52).isEqualTo(0x5A3);
    assertThat((id >>> 12) & 0xFF_FFFF_FFFFL).isEqualTo(0x1234_5678L);
    assertThat(id & 0xFFF).isZero();
    assertThat(id).isPositive();
    // the same layout as the original's hex concatenation: 3 + 10 + 3 hex digits
    assertThat(Long.toHexString(id)).isEqualTo("5a3" + "0012345678" + "000");
  }

  @Test
  void counterCountsWithinAMillisecondAndResetsOnTheNext() {
    UniqueIdService service = new UniqueIdService(1, clock);
    long a = next(service);
    long b = next(service);
    assertThat(b - a).isEqualTo(1);
    clock.advance(1);
    long c = next(service);
    assertThat(c & 0xFFF).isZero();
    assertThat((c >>> 12) & 0xFF_FFFF_FFFFL).isEqualTo(0x1234_5679L);
  }

  @Test
  void moreThan4096IdsInOneMillisecondNeverRepeat() {
    UniqueIdService service = new UniqueIdService(2, clock);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(next(service))).as("id %d is new", i).isTrue();
    }
    // the 4097th id borrowed the next millisecond
    long last = next(service);
    assertThat((last >>> 12) & 0xFF_FFFF_FFFFL).isEqualTo(0x1234_5678L + 2);
  }

  @Test
  void aClockSteppingBackNeverRepeatsAnId() {
    UniqueIdService service = new UniqueIdService(3, clock);
    long before = next(service);
    clock.advance(-5_000);
    long after = next(service);
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void machineIdMustFitElevenBits() {
    assertThatThrownBy(() -> new UniqueIdService(2048, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UniqueIdService(-1, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
