package io.spillover.spring.boot.internal;

import io.spillover.function.FunctionRef;

/**
 * A function's provider and target as properties give them, possibly only one of the two: a named
 * config may fix the provider and leave each spillway to name its target. {@code FunctionRef}
 * needs both, so the half is carried here along the base-config chain.
 */
record FunctionParts(String provider, String target) {
  static final FunctionParts NONE = new FunctionParts(null, null);

  static FunctionParts of(FunctionRef ref) {
    return ref == null ? NONE : new FunctionParts(ref.provider(), ref.target());
  }

  FunctionParts over(FunctionParts base) {
    return new FunctionParts(provider != null ? provider : base.provider,
        target != null ? target : base.target);
  }

  boolean isEmpty() {
    return provider == null && target == null;
  }

  boolean isComplete() {
    return provider != null && target != null;
  }
}
