package io.spillover.spring.boot.internal;

import io.spillover.Spillway;
import io.spillover.spring.boot.Spillover;
import io.spillover.spring.boot.Spillways;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs each call of a {@link Spillover @Spillover} method through its spillway; the local path
 * is the method itself (the rest of the proxy's chain).
 */
final class SpilloverMethodInterceptor implements MethodInterceptor {
  private final ObjectProvider<Spillways> spillways;
  private final Map<Method, SpilloverMethod> methods = new ConcurrentHashMap<>();

  SpilloverMethodInterceptor(ObjectProvider<Spillways> spillways) {
    this.spillways = spillways;
  }

  /** Checks {@code method} and remembers it; throws when it cannot be a spillway method. */
  SpilloverMethod register(Method method) {
    return methods.computeIfAbsent(method, m -> SpilloverMethod.of(m,
        AnnotatedElementUtils.findMergedAnnotation(m, Spillover.class)));
  }

  /** Creates the spillways of every registered method (at startup, so errors surface there). */
  void createSpillways() {
    Spillways s = spillways.getObject();
    methods.values().forEach(m -> m.spillway(s));
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Class<?> target = invocation.getThis() != null ? AopUtils.getTargetClass(invocation.getThis())
        : invocation.getMethod().getDeclaringClass();
    SpilloverMethod m = register(AopUtils.getMostSpecificMethod(invocation.getMethod(), target));
    Spillway<Object, Object> spillway = m.spillway(spillways.getObject());
    Object request = invocation.getArguments()[0];
    if (m.async) {
      CompletionStage<Object> stage;
      try {
        stage = spillway.callAsync(request, m.options, r -> asStage(proceed(invocation)));
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      if (m.fallback != null) {
        stage = stage.exceptionallyCompose(e -> asyncFallback(m, invocation, request, e));
      }
      return m.completableFuture ? stage.toCompletableFuture() : stage;
    }
    try {
      return spillway.call(request, m.options, r -> proceed(invocation));
    } catch (Throwable e) {
      Throwable failure = e instanceof CheckedFailure ? e.getCause() : e;
      Method fallback = m.fallback == null ? null : m.fallback.forFailure(failure);
      if (fallback == null) {
        throw failure;
      }
      return FallbackMethod.invoke(fallback, invocation.getThis(), request, failure);
    }
  }

  private static CompletionStage<Object> asyncFallback(SpilloverMethod m,
      MethodInvocation invocation, Object request, Throwable e) {
    Throwable failure = e;
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof CheckedFailure) {
      failure = failure.getCause();
    }
    Method fallback = m.fallback.forFailure(failure);
    if (fallback == null) {
      return CompletableFuture.failedFuture(failure);
    }
    try {
      return asStage(FallbackMethod.invoke(fallback, invocation.getThis(), request, failure));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  @SuppressWarnings("unchecked")
  private static CompletionStage<Object> asStage(Object returned) {
    return (CompletionStage<Object>) returned;
  }

  private static Object proceed(MethodInvocation invocation) {
    try {
      return invocation.proceed();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new CheckedFailure(t);
    }
  }

  /** Carries a checked exception of the method through the spillway, which takes a Function. */
  private static final class CheckedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckedFailure(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }
}
