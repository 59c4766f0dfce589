package io.spillover.spring.boot.internal;

import io.spillover.spring.boot.SpilloverPropertyException;
import java.util.function.Supplier;

/** Runs a builder step and names the property when the builder refuses the value. */
final class Properties {
  private Properties() {}

  static <T> T apply(String property, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SpilloverPropertyException(property, String.valueOf(e.getMessage()), e);
    }
  }
}
