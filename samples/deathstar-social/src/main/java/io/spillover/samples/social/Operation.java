package io.spillover.samples.social;

import java.util.Objects;

/**
 * One callable method of a logic service, with the types that cross the wire. The unit a spillway
 * wraps and a function twin serves: {@code name()} is unique, e.g. {@code text.compose-text}.
 *
 * @param service the logic service, e.g. {@code text} (one spillway per service is natural)
 * @param method the method, kebab-case of the Thrift name, e.g. {@code compose-text}
 */
public record Operation<Q, R>(String service, String method, Class<Q> requestType, Class<R> responseType) {

  /** Rejects missing parts. */
  public Operation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(responseType, "responseType");
  }

  /** {@code service.method}. */
  public String name() {
    return service + "." + method;
  }

  /** A shorthand for the constants in {@link Operations}. */
  static <Q, R> Operation<Q, R> of(String service, String method, Class<Q> requestType,
      Class<R> responseType) {
    return new Operation<>(service, method, requestType, responseType);
  }
}
