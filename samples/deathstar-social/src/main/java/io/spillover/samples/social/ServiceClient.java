package io.spillover.samples.social;

/**
 * How a logic service reaches another one: by operation, never by a reference to its object, so
 * that the callee can run in place or in a function twin. {@link SocialNetwork} implements it on
 * top of a {@link ServiceCaller}.
 */
@FunctionalInterface
public interface ServiceClient {

  /** Calls {@code operation} with {@code request}. */
  <Q, R> R call(Operation<Q, R> operation, Q request);
}
