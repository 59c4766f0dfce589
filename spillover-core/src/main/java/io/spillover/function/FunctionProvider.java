package io.spillover.function;

/**
 * A function platform (AWS Lambda, Apache OpenWhisk, plain HTTP, in-process). It is registered
 * under {@link #name()} and hands out one {@link FunctionInvoker} per target.
 */
public interface FunctionProvider extends AutoCloseable {

  /** The name {@link FunctionRef#provider()} uses to pick this provider, e.g. {@code "lambda"}. */
  String name();

  /**
   * An invoker for {@code ref}. Called once per spillway; the invoker is reused for every call.
   *
   * @throws IllegalArgumentException when the target is not valid for this provider
   */
  FunctionInvoker invoker(FunctionRef ref);

  @Override
  default void close() {}
}
