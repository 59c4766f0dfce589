package io.spillover.samples.social;

import java.util.function.Function;

/**
 * The seam every service-to-service call goes through (front end to logic services, and logic
 * services to each other). The default runs {@code local} in place; a Spillover integration wraps
 * it in the operation's spillway, which runs {@code local} or sends {@code request} to the
 * operation's function twin. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ServiceCaller {

  /**
   * Performs {@code operation} for {@code request}.
   *
   * @param local the in-process implementation; a caller that does not spill just applies it
   * @throws ServiceException as the operation itself does
   */
  <Q, R> R call(Operation<Q, R> operation, Q request, Function<? super Q, ? extends R> local);

  /** Calls {@code local} directly on the calling thread. */
  static ServiceCaller direct() {
    return Direct.INSTANCE;
  }

  /** The default caller. */
  final class Direct implements ServiceCaller {
    static final Direct INSTANCE = new Direct();

    private Direct() {}

    @Override
    public <Q, R> R call(Operation<Q, R> operation, Q request, Function<? super Q, ? extends R> local) {
      return local.apply(request);
    }
  }
}
