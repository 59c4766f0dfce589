package io.spillover.function;

import java.util.Objects;

/**
 * Names a function twin: the provider that reaches it and the provider's name for it.
 *
 * <p>The target is opaque to the core; each provider reads it its own way (for Lambda
 * {@code "social-compose-post:live"} is a function name and an alias, for OpenWhisk
 * {@code "social/compose"} a package and an action, for HTTP a URL).
 */
public final class FunctionRef {
  private final String provider;
  private final String target;

  private FunctionRef(String provider, String target) {
    this.provider = requireText(provider, "provider");
    this.target = requireText(target, "target");
  }

  /** A reference to {@code target} on the provider registered under {@code provider}. */
  public static FunctionRef of(String provider, String target) {
    return new FunctionRef(provider, target);
  }

  public String provider() {
    return provider;
  }

  public String target() {
    return target;
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionRef && ((FunctionRef) o).provider.equals(provider)
        && ((FunctionRef) o).target.equals(target);
  }

  @Override
  public int hashCode() {
    return provider.hashCode() * 31 + target.hashCode();
  }

  @Override
  public String toString() {
    return provider + ":" + target;
  }
}
