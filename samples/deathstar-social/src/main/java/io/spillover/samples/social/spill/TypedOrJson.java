package io.spillover.samples.social.spill;

import io.spillover.samples.social.internal.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A request or response that stays the typed record on the VM path and becomes a JSON tree only
 * when it crosses to a twin (or arrives from one).
 */
final class TypedOrJson {
  private final Object typed;
  private JsonNode json;

  private TypedOrJson(Object typed, JsonNode json) {
    this.typed = typed;
    this.json = json;
  }

  static TypedOrJson typed(Object value, String what) {
    return new TypedOrJson(Objects.requireNonNull(value, what), null);
  }

  static TypedOrJson json(JsonNode json) {
    return new TypedOrJson(null, Objects.requireNonNull(json, "body"));
  }

  /** The JSON tree, made on first use. */
  JsonNode json() {
    if (json == null) {
      json = Json.MAPPER.valueToTree(typed);
    }
    return json;
  }

  /** The record itself, or the JSON tree decoded as {@code type}. */
  <T> T as(Class<T> type) {
    return typed != null ? type.cast(typed) : Json.MAPPER.treeToValue(json, type);
  }
}
