package io.spillover.spring.boot.internal;

import io.spillover.CallOptions;
import io.spillover.Spillway;
import io.spillover.codec.TypeRef;
import io.spillover.spring.boot.Spillover;
import io.spillover.spring.boot.Spillways;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.springframework.util.ClassUtils;

/**
 * A {@link Spillover @Spillover} method, checked: one parameter (the request), a reply of a
 * concrete (possibly generic) type, synchronous or as a {@code CompletionStage}/
 * {@code CompletableFuture}, and its fallback methods if it names any.
 */
final class SpilloverMethod {
  final Method method;
  final String spillway;
  final Class<?> requestType;
  final TypeRef<?> responseType;
  final FallbackMethod fallback;
  final boolean async;
  final boolean completableFuture;
  final CallOptions options;
  private volatile Spillway<Object, Object> resolved;

  private SpilloverMethod(Method method, Spillover annotation) {
    this.method = method;
    this.spillway = annotation.value();
    if (method.getParameterCount() != 1) {
      throw invalid("must take exactly one parameter, the request (it has "
          + method.getParameterCount() + "); wrap several arguments in a record");
    }
    this.requestType = ClassUtils.resolvePrimitiveIfNecessary(method.getParameterTypes()[0]);
    Class<?> returned = method.getReturnType();
    this.async = returned == CompletionStage.class || returned == CompletableFuture.class;
    this.completableFuture = returned == CompletableFuture.class;
    if (returned == void.class || returned == Void.class) {
      throw invalid("must return the reply (void methods have nothing to send back)");
    }
    if (!async && Future.class.isAssignableFrom(returned)) {
      throw invalid("returns a " + returned.getSimpleName() + ": asynchronous methods must "
          + "return CompletionStage or CompletableFuture");
    }
    Type reply = async ? stageArgument(method.getGenericReturnType()) : method.getGenericReturnType();
    if (reply instanceof TypeVariable || reply instanceof WildcardType) {
      throw invalid("its reply type " + reply.getTypeName() + " names no concrete type: the "
          + "function's reply is decoded to it, so declare the type itself");
    }
    this.responseType = reply instanceof Class
        ? TypeRef.of(ClassUtils.resolvePrimitiveIfNecessary((Class<?>) reply))
        : TypeRef.of(reply);
    this.options = CallOptions.builder().priority(annotation.priority()).build();
    this.fallback = annotation.fallbackMethod().isEmpty() ? null
        : FallbackMethod.resolve(method, annotation.fallbackMethod(), describe());
  }

  static SpilloverMethod of(Method method, Spillover annotation) {
    return new SpilloverMethod(method, annotation);
  }

  /** The spillway, created on first use (at startup for singletons). */
  @SuppressWarnings("unchecked")
  Spillway<Object, Object> spillway(Spillways spillways) {
    Spillway<Object, Object> s = resolved;
    if (s == null) {
      try {
        s = (Spillway<Object, Object>) spillways.spillway(spillway, requestType,
            (TypeRef<Object>) responseType);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(describe() + ": " + e.getMessage(), e);
      }
      resolved = s;
    }
    return s;
  }

  private Type stageArgument(Type type) {
    if (type instanceof ParameterizedType) {
      return ((ParameterizedType) type).getActualTypeArguments()[0];
    }
    throw invalid("returns a raw " + method.getReturnType().getSimpleName()
        + ": say the reply type, e.g. CompletionStage<Reply>");
  }

  private IllegalStateException invalid(String problem) {
    return new IllegalStateException(describe() + " " + problem);
  }

  String describe() {
    String params = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(", "));
    return "@Spillover(\"" + spillway + "\") " + method.getDeclaringClass().getName() + "."
        + method.getName() + "(" + params + ")";
  }
}
