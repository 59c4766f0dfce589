package io.spillover.samples.social.frontend.internal;

import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Form or query parameters of one front-end request, with the original's error messages. */
public final class Params {
  /** The original's answer to any missing argument. */
  public static final String INCOMPLETE = "Incomplete arguments";

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code a=1&b=2} (URL-encoded; the first of repeated names wins). */
  public static Params parse(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded != null && !encoded.isEmpty()) {
      for (String pair : encoded.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new Params(values);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServiceException.badRequest("malformed URL encoding: " + e.getMessage());
    }
  }

  public boolean has(String name) {
    String value = values.get(name);
    return value != null && !value.isEmpty();
  }

  public String text(String name) {
    if (!has(name)) {
      throw ServiceException.badRequest(INCOMPLETE + ": " + name);
    }
    return values.get(name);
  }

  public long longValue(String name) {
    String raw = text(name);
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ServiceException.badRequest(name + " must be an integer, was '" + raw + "'");
    }
  }

  public int intValue(String name) {
    long value = longValue(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw ServiceException.badRequest(name + " is out of range: " + value);
    }
    return (int) value;
  }

  /** A JSON array of integers (numbers or decimal strings); absent means empty. */
  public List<Long> jsonLongs(String name) {
    List<Long> out = new ArrayList<>();
    for (JsonNode item : jsonArray(name)) {
      if (item.isIntegralNumber() && item.canConvertToLong()) {
        out.add(item.longValue());
      } else if (item.isString()) {
        try {
          out.add(Long.parseLong(item.stringValue()));
        } catch (NumberFormatException e) {
          throw ServiceException.badRequest(name + " holds a non-integer: " + item);
        }
      } else {
        throw ServiceException.badRequest(name + " holds a non-integer: " + item);
      }
    }
    return out;
  }

  /** A JSON array of strings; absent means empty. */
  public List<String> jsonStrings(String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : jsonArray(name)) {
      if (!item.isString()) {
        throw ServiceException.badRequest(name + " holds a non-string: " + item);
      }
      out.add(item.stringValue());
    }
    return out;
  }

  private List<JsonNode> jsonArray(String name) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(values.get(name));
    } catch (JacksonException e) {
      throw ServiceException.badRequest(name + " is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray()) {
      throw ServiceException.badRequest(name + " must be a JSON array");
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }
}
