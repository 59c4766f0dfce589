package io.spillover.spring.boot.internal;

import io.spillover.Spillway;
import io.spillover.spring.boot.Spillover;
import io.spillover.spring.boot.Spillways;
import java.lang.reflect.Method;
import java.util.Map;
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
    try {
      if (m.async) {
        CompletionStage<Object> stage = spillway.callAsync(request, m.options,
            r -> asStage(proceed(invocation)));
        return m.completableFuture ? stage.toCompletableFuture() : stage;
      }
      return spillway.call(request, m.options, r -> proceed(invocation));
    } catch (CheckedFailure e) {
      throw e.getCause();
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
