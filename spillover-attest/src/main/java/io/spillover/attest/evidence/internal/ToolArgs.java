package io.spillover.attest.evidence.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Hand-rolled parser for {@code attest verify} options; errors are IllegalArgumentException. */
public final class ToolArgs {
  private static final Set<String> VALUED = Set.of("--type", "--evidence", "--now", "--endorsement",
      "--chain", "--root", "--collateral", "--policy");
  private static final Set<String> FLAGS = Set.of("--allow-debug", "--help");

  private final Map<String, String> values = new HashMap<>();

  private ToolArgs() {}

  public static ToolArgs parse(String[] args) {
    ToolArgs t = new ToolArgs();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (FLAGS.contains(a) && value == null) {
        t.values.put(a, "true");
      } else if (VALUED.contains(a)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          value = args[++i];
        }
        if (t.values.put(a, value) != null) {
          throw new IllegalArgumentException(a + " given twice");
        }
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return t;
  }

  public String get(String name) {
    return values.get(name);
  }

  public String require(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }
}
