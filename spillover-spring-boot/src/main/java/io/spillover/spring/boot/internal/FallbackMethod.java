package io.spillover.spring.boot.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@code fallbackMethod} of a {@code @Spillover} method, Resilience4j-style: methods of the
 * same bean with that name, taking the request and then an exception, returning what the
 * annotated method returns. Several may declare different exceptions; a failure goes to the one
 * with the most specific exception type that matches it, and one that none matches passes on.
 */
final class FallbackMethod {
  private final List<Method> candidates;

  private FallbackMethod(List<Method> candidates) {
    this.candidates = candidates;
  }

  /**
   * Finds and checks the fallbacks named {@code name} for {@code method}.
   *
   * @throws IllegalStateException naming the expected signature when there is none that fits
   */
  static FallbackMethod resolve(Method method, String name, String describe) {
    Class<?> request = method.getParameterTypes()[0];
    List<Method> fitting = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    ReflectionUtils.doWithMethods(method.getDeclaringClass(), m -> {
      if (!m.getName().equals(name)) {
        return;
      }
      Class<?>[] p = m.getParameterTypes();
      if (p.length != 2 || !ClassUtils.isAssignable(p[0], request)
          || !Throwable.class.isAssignableFrom(p[1])) {
        rejected.add(m.toGenericString() + " (parameters must be (" + request.getSimpleName()
            + ", an exception type))");
      } else if (!ClassUtils.isAssignable(method.getReturnType(), m.getReturnType())) {
        rejected.add(m.toGenericString() + " (must return " + method.getReturnType()
            .getSimpleName() + ")");
      } else if (fitting.stream().noneMatch(f -> f.getParameterTypes()[1] == p[1])) {
        fitting.add(m); // an override seen again in a superclass is the same fallback
      }
    });
    if (fitting.isEmpty()) {
      throw new IllegalStateException(describe + " names fallbackMethod \"" + name + "\" but "
          + method.getDeclaringClass().getName() + " has no method " + method.getReturnType()
          .getSimpleName() + " " + name + "(" + request.getSimpleName() + ", <exception type>)"
          + (rejected.isEmpty() ? "" : "; these do not fit: " + String.join("; ", rejected)));
    }
    // most specific exception first: a subclass before its superclasses
    fitting.sort(Comparator.comparingInt(m -> -depth(m.getParameterTypes()[1])));
    fitting.forEach(ReflectionUtils::makeAccessible);
    return new FallbackMethod(List.copyOf(fitting));
  }

  /** The fallback for {@code failure}, or null when none declares a type it is an instance of. */
  Method forFailure(Throwable failure) {
    for (Method m : candidates) {
      if (m.getParameterTypes()[1].isInstance(failure)) {
        return m;
      }
    }
    return null;
  }

  /** Runs {@code fallback} on {@code target}; what it throws is thrown as it is. */
  static Object invoke(Method fallback, Object target, Object request, Throwable failure)
      throws Throwable {
    try {
      return fallback.invoke(target, request, failure);
    } catch (InvocationTargetException e) {
      throw e.getTargetException();
    }
  }

  private static int depth(Class<?> type) {
    int d = 0;
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      d++;
    }
    return d;
  }
}
