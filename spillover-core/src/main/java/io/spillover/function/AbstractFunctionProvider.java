package io.spillover.function;

import java.util.Objects;

/**
 * The skeleton every {@link FunctionProvider} repeats: a validated name, and an
 * {@link #invoker(FunctionRef)} that refuses a reference to another provider before the
 * subclass sees it, so each provider reports a misrouted reference the same way.
 */
public abstract class AbstractFunctionProvider implements FunctionProvider {
  private final String name;

  /** {@code name}: what {@link FunctionRef#provider()} says; see {@link #requireName}. */
  protected AbstractFunctionProvider(String name) {
    this.name = requireName(name);
  }

  /**
   * {@code name} if it can name a provider (not null, not blank); a builder's {@code name}
   * setter calls this so a bad name fails where it is set.
   *
   * @throws IllegalArgumentException when {@code name} is blank
   */
  public static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** @throws IllegalArgumentException when {@code ref} is another provider's, or its target bad */
  @Override
  public final FunctionInvoker invoker(FunctionRef ref) {
    Objects.requireNonNull(ref, "ref");
    if (!ref.provider().equals(name)) {
      throw new IllegalArgumentException(ref + " is not for provider " + name);
    }
    return newInvoker(ref);
  }

  /**
   * The invoker for {@code ref}, which is for this provider.
   *
   * @throws IllegalArgumentException when the target names nothing this provider can call
   */
  protected abstract FunctionInvoker newInvoker(FunctionRef ref);
}
