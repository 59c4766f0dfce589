package io.spillover.spring.boot.internal;

import java.beans.PropertyDescriptor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * Says whether a property name under a prefix is one the properties classes bind, walking them
 * as the binder does (bean properties, nested classes, maps), and which valid key is nearest to
 * one that is not. Names compare in Boot's uniform form, so {@code maxWait}, {@code max-wait} and
 * {@code max_wait} are the same key.
 */
final class PropertyKeys {
  private static final String OWN_PACKAGE = "io.spillover.spring.boot";
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private PropertyKeys() {}

  /**
   * Empty when {@code name} (below the prefix, from element {@code from}) is a key of
   * {@code root}; else the problem, with the nearest key when one is close. Right below the
   * prefix only near misses of a key count as problems.
   */
  static Optional<String> check(Class<?> root, ConfigurationPropertyName name, int from) {
    ResolvableType type = ResolvableType.forClass(root);
    for (int i = from; i < name.getNumberOfElements(); i++) {
      String element = name.getElement(i, Form.UNIFORM);
      Map<String, PropertyDescriptor> keys = keys(type.resolve());
      PropertyDescriptor pd = keys.get(element);
      if (pd == null) {
        List<String> candidates = keys.values().stream().map(p -> dashed(p.getName())).toList();
        if (i == from && nearest(name.getElement(i, Form.DASHED), candidates).isEmpty()) {
          // right under the root, a name unlike any key is someone else's (a JVM flag of
          // another tool that shares the prefix): only near misses are reported there
          return Optional.empty();
        }
        return Optional.of(unknown(name, i, candidates));
      }
      ResolvableType t = ResolvableType.forMethodReturnType(pd.getReadMethod());
      if (Map.class.isAssignableFrom(t.toClass())) {
        if (i + 1 == name.getNumberOfElements()) {
          return Optional.empty();
        }
        // an enum key that is no constant fails binding before this check, with Boot's report
        ResolvableType value = t.asMap().getGeneric(1);
        if (!isNested(value.toClass())) {
          return Optional.empty(); // a leaf map takes any key, dots included
        }
        type = value;
        i++;
      } else if (isNested(t.toClass())) {
        type = t;
      } else if (i + 1 < name.getNumberOfElements()) {
        return Optional.of(unknown(name, i + 1, List.of()));
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The candidate nearest to {@code wrong}, if it is close enough to be a typo of it. */
  static Optional<String> nearest(String wrong, List<String> candidates) {
    String w = wrong.toLowerCase(Locale.ROOT).replace("-", "");
    return candidates.stream()
        .filter(c -> DISTANCE.apply(w, c.replace("-", "")) <= Math.max(2, w.length() / 3))
        .min(Comparator.comparingInt(c -> DISTANCE.apply(w, c.replace("-", ""))));
  }

  private static String unknown(ConfigurationPropertyName name, int at, List<String> candidates) {
    String wrong = name.getElement(at, Form.DASHED);
    String parent = at == 0 ? "" : name.chop(at).toString();
    StringBuilder s = new StringBuilder("'" + name + "' is not a Spillover property");
    nearest(wrong, candidates).ifPresent(n -> s.append("; did you mean '")
        .append(parent.isEmpty() ? n : parent + "." + n).append("'?"));
    if (candidates.isEmpty()) {
      s.append(" ('").append(name.chop(at)).append("' takes a value, not keys)");
    }
    return s.toString();
  }

  private static Map<String, PropertyDescriptor> keys(Class<?> type) {
    Map<String, PropertyDescriptor> keys = new LinkedHashMap<>();
    for (PropertyDescriptor pd : BeanUtils.getPropertyDescriptors(type)) {
      if (pd.getReadMethod() != null && !"class".equals(pd.getName())) {
        keys.put(pd.getName().toLowerCase(Locale.ROOT), pd);
      }
    }
    return keys;
  }

  private static boolean isNested(Class<?> type) {
    return !type.isEnum() && type.getPackageName().startsWith(OWN_PACKAGE);
  }

  private static String dashed(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
