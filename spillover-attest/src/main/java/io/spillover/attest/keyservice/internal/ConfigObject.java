package io.spillover.attest.keyservice.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of the key service's config file, read strictly: it knows its path from the
 * top, refuses members it does not know, and every read checks the member's JSON type. Absent
 * members take the caller's default; present ones must be right.
 */
final class ConfigObject {
  private final JsonNode node;
  private final String path;

  private ConfigObject(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** A problem at {@code key}; {@code ConfigFile} turns it into a KeyServiceConfigException. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;

    Problem(String key, String message) {
      super(message);
      this.key = key;
    }
  }

  /** The object at {@code path} (empty for the top), which may hold only {@code known}. */
  static ConfigObject of(JsonNode node, String path, Set<String> known) {
    if (node == null || !node.isObject()) {
      throw new Problem(path, "must be an object, not " + describe(node));
    }
    ConfigObject object = new ConfigObject(node, path);
    if (known != null) {
      for (String name : node.propertyNames()) {
        if (!known.contains(name)) {
          throw new Problem(object.key(name), "is not a known key"
              + (path.isEmpty() ? "" : " of " + path) + " (known: "
              + String.join(", ", new TreeSet<>(known)) + ")");
        }
      }
    }
    return object;
  }

  /** The path of member {@code name}; of this object itself when {@code name} is empty. */
  String key(String name) {
    return path.isEmpty() || name.isEmpty() ? path + name : path + "." + name;
  }

  boolean has(String name) {
    return node.has(name);
  }

  Optional<String> string(String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isString()) {
      throw new Problem(key(name), "must be a string, not " + describe(v));
    }
    if (v.stringValue().isBlank()) {
      throw new Problem(key(name), "must not be empty");
    }
    return Optional.of(v.stringValue());
  }

  String requiredString(String name) {
    return string(name).orElseThrow(() -> new Problem(key(name), "is required"));
  }

  long integer(String name, long defaultValue) {
    JsonNode v = node.get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber()) {
      throw new Problem(key(name), "must be an integer, not " + describe(v));
    }
    if (!v.canConvertToLong()) {
      throw new Problem(key(name), "is out of range");
    }
    return v.longValue();
  }

  int smallInteger(String name, int defaultValue) {
    long value = integer(name, defaultValue);
    if (value != (int) value) {
      throw new Problem(key(name), "is out of range");
    }
    return (int) value;
  }

  int requiredSmallInteger(String name) {
    if (!node.has(name)) {
      throw new Problem(key(name), "is required");
    }
    return smallInteger(name, 0);
  }

  boolean bool(String name, boolean defaultValue) {
    JsonNode v = node.get(name);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw new Problem(key(name), "must be true or false, not " + describe(v));
    }
    return v.booleanValue();
  }

  List<String> strings(String name) {
    JsonNode v = node.get(name);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new Problem(key(name), "must be a list of strings, not " + describe(v));
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isString()) {
        throw new Problem(key(name) + "[" + i + "]", "must be a string, not "
            + describe(v.get(i)));
      }
      out.add(v.get(i).stringValue());
    }
    return out;
  }

  /** A member whose own members are named by the user, each a list of strings. */
  Map<String, List<String>> stringLists(String name) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    object(name, null).ifPresent(map -> {
      for (String member : map.node.propertyNames()) {
        out.put(member, map.strings(member));
      }
    });
    return out;
  }

  Optional<ConfigObject> object(String name, Set<String> known) {
    return node.has(name) ? Optional.of(of(node.get(name), key(name), known)) : Optional.empty();
  }

  /** A member whose own members are named by the user, each an object holding {@code known}. */
  Map<String, ConfigObject> objects(String name, Set<String> known) {
    Map<String, ConfigObject> out = new LinkedHashMap<>();
    object(name, null).ifPresent(map -> {
      for (Map.Entry<String, JsonNode> e : map.node.properties()) {
        out.put(e.getKey(), of(e.getValue(), map.key(e.getKey()), known));
      }
    });
    return out;
  }

  private static String describe(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isString()) {
      return "a string";
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() ? "a number" : "a number with a fraction";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    return v.isArray() ? "a list" : "an object";
  }
}
