package io.spillover.spring.boot;

import io.spillover.Priority;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends calls of a bean method through a spillway: the call runs the method here under a local
 * permit, or, when the service is at its limit, runs on the function twin that serves the same
 * spillway name.
 *
 * <pre>{@code
 * @Service
 * class ComposeEndpoint {
 *   @Spillover("compose-post")
 *   public ComposeResponse compose(ComposeRequest request) { return service.compose(request); }
 * }
 * }</pre>
 *
 * <p>The method takes exactly one parameter, the request (several arguments: wrap them in a
 * record), and returns the reply, or a {@code CompletionStage}/{@code CompletableFuture} of it.
 * The reply may have type arguments ({@code List<Post>}, {@code Map<String, Post>}): the
 * function's reply is decoded to the method's full generic return type. Startup fails with a
 * message naming the method otherwise. A {@code null} request is refused with a
 * {@link NullPointerException}: a spillable call needs a body. Checked exceptions of the method
 * reach the caller unchanged.
 *
 * <p>{@link #fallbackMethod()} names methods of the same bean that answer a call that failed,
 * as in Resilience4j:
 *
 * <pre>{@code
 * @Spillover(value = "compose-post", fallbackMethod = "composeLater")
 * public ComposeResponse compose(ComposeRequest request) { ... }
 *
 * ComposeResponse composeLater(ComposeRequest request, SpillRejectedException e) {
 *   return ComposeResponse.queued(request);
 * }
 * }</pre>
 *
 * <p>The spillway's config is {@code spillover.spillways.<name>.*} (or the default config);
 * its request and reply types are the method's. As with every Spring proxy, calls from within
 * the same bean ({@code this.compose(...)}) do not go through the spillway.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Spillover {

  /** The spillway name: the service name the function twin's {@code FunctionApp} serves. */
  String value();

  /** The calls' class under overload, which the config maps to spill, wait or shed. */
  Priority priority() default Priority.NORMAL;

  /**
   * Methods of the same bean, with this name, that answer a failed call: they take the request
   * and an exception and return what the annotated method returns (an async method's fallback
   * returns its stage type). A failure goes to the fallback whose exception type is the most
   * specific one it is an instance of; none matching, it reaches the caller. Declare
   * {@code SpillRejectedException} to answer only calls that Spillover turned away, a wider type
   * to answer the method's own failures too. Checked at startup; empty: no fallback.
   */
  String fallbackMethod() default "";
}
