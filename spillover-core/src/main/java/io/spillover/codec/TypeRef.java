package io.spillover.codec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Objects;

/**
 * A reply type with its type arguments, e.g. {@code List<Post>}, which a {@code Class} cannot
 * name. Capture one with an anonymous subclass:
 *
 * <pre>{@code
 * Spillway<Query, List<Post>> posts = registry.spillway("posts", config, Query.class,
 *     new TypeRef<List<Post>>() {});
 * }</pre>
 *
 * <p>Two refs are equal when their types are.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {
  private final Type type;

  /** Captures the type argument of the anonymous subclass. */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType)) {
      throw new IllegalStateException("create a TypeRef as new TypeRef<List<X>>() {}");
    }
    this.type = check(((ParameterizedType) superclass).getActualTypeArguments()[0]);
  }

  private TypeRef(Type type) {
    this.type = check(Objects.requireNonNull(type, "type"));
  }

  /** A ref for a plain class. */
  public static <T> TypeRef<T> of(Class<T> type) {
    return new TypeRef<T>(type) {};
  }

  /**
   * A ref for a type found by reflection, e.g. a method's generic return type.
   *
   * @throws IllegalArgumentException for a type variable, which names no concrete type
   */
  public static TypeRef<?> of(Type type) {
    return new TypeRef<Object>(type) {};
  }

  public Type type() {
    return type;
  }

  /** The class the type erases to: {@code List} for {@code List<Post>}. */
  public Class<?> rawType() {
    Type t = type;
    if (t instanceof ParameterizedType) {
      t = ((ParameterizedType) t).getRawType();
    }
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    return Object.class; // arrays of generic types, wildcards: decoded by the codec's rules
  }

  private static Type check(Type type) {
    if (type instanceof TypeVariable) {
      throw new IllegalArgumentException("type variable " + type + " names no concrete type");
    }
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeRef && ((TypeRef<?>) o).type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }
}
