package io.spillover.internal;

import java.util.regex.Pattern;

/** Service (spillway) names: they appear in envelopes, metric tags and URLs, so they stay plain. */
public final class ServiceNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private ServiceNames() {}

  public static String require(String name) {
    if (name == null) {
      throw new NullPointerException("service name");
    }
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid service name '" + name
          + "': use 1-128 of [A-Za-z0-9._-], starting with a letter or digit");
    }
    return name;
  }
}
