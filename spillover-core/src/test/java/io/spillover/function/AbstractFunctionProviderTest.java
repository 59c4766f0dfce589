package io.spillover.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AbstractFunctionProviderTest {

  /** A provider that records which references reached its own code. */
  private static final class Recording extends AbstractFunctionProvider {
    FunctionRef seen;

    Recording(String name) {
      super(name);
    }

    @Override
    protected FunctionInvoker newInvoker(FunctionRef ref) {
      seen = ref;
      return InProcessProvider.create().invoker(FunctionRef.of("in-process", ref.target()));
    }
  }

  @Test
  void aReferenceToAnotherProviderIsRefusedBeforeTheSubclassSeesIt() {
    Recording p = new Recording("lambda");
    assertThatThrownBy(() -> p.invoker(FunctionRef.of("openwhisk", "f")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not for provider lambda");
    assertThat(p.seen).isNull();
    FunctionRef own = FunctionRef.of("lambda", "f");
    assertThat(p.invoker(own)).isNotNull();
    assertThat(p.seen).isEqualTo(own);
  }

  @Test
  void blankNamesAreRefusedWhereTheyAreSet() {
    assertThatThrownBy(() -> new Recording(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbstractFunctionProvider.requireName(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(InProcessProvider.named("edge").name()).isEqualTo("edge");
    assertThatThrownBy(() -> InProcessProvider.named(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
