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
 * record), and returns the reply, a plain class (not a generic type such as {@code List<X>}:
 * wrap it in a record too) or a {@code CompletionStage}/{@code CompletableFuture} of one. Startup
 * fails with a message naming the method otherwise. A {@code null} request is refused with a
 * {@link NullPointerException}: a spillable call needs a body. Checked exceptions of the method
 * reach the caller unchanged.
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
}
