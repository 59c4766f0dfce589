package io.spillover.samples.social.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryStorageTest extends StorageContractTest {

  @Override
  protected Storage storage() {
    return smallBounds().build();
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> InMemoryStorage.builder().maxPosts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryStorage.builder().maxMediaBytes(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
