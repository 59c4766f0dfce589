package io.spillover.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillover.SpilloverClock;
import io.spillover.http.HttpFunctionProvider;
import org.junit.jupiter.api.Test;

/** The settings every HTTP provider's builder shares: defaults, validation, chaining. */
class HttpProviderBuilderTest {
  /** A provider builder as a platform module writes one. */
  static final class Example extends HttpProviderBuilder<Example> {
    Example() {
      super("example", 1024, 4096);
    }

    Settings built() {
      return settings();
    }
  }

  @Test
  void defaultsAreTheProvidersAndSettersChainOnTheConcreteBuilder() {
    Example b = new Example();
    assertThat(b.built().name()).isEqualTo("example");
    assertThat(b.built().client()).as("none: the provider creates and closes one").isNull();
    assertThat(b.built().maxRequestBytes()).isEqualTo(1024);
    SpilloverClock clock = SpilloverClock.system();
    Example same = b.name("mine").maxRequestBytes(4096).clock(clock);
    assertThat(same).isSameAs(b);
    assertThat(b.built().name()).isEqualTo("mine");
    assertThat(b.built().maxRequestBytes()).isEqualTo(4096);
    assertThat(b.built().clock()).isSameAs(clock);
  }

  @Test
  void badSettingsFailAtOnceAndSayWhy() {
    assertThatThrownBy(() -> new Example().maxRequestBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRequestBytes must be in [1, 4096], was 0");
    assertThatThrownBy(() -> new Example().maxRequestBytes(4097))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Example().okHttpClient(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HttpFunctionProvider.builder().name(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
  }
}
