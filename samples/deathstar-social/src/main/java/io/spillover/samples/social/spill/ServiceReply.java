package io.spillover.samples.social.spill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spillover.samples.social.internal.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** The reply of a {@link ServiceCall}: the typed response on the VM, a JSON tree from a twin. */
public final class ServiceReply {
  private final Object typed;
  private JsonNode body;

  /** A typed reply (on the VM side, or before the twin encodes it). */
  public ServiceReply(Object typed) {
    this.typed = Objects.requireNonNull(typed, "response");
  }

  @JsonCreator
  ServiceReply(@JsonProperty("body") JsonNode body) {
    this.typed = null;
    this.body = Objects.requireNonNull(body, "body");
  }

  /** The response as JSON (made on first use, i.e. in a twin). */
  @JsonProperty("body")
  public JsonNode body() {
    if (body == null) {
      body = Json.MAPPER.valueToTree(typed);
    }
    return body;
  }

  /** The response as {@code type}. */
  @JsonIgnore
  public <R> R response(Class<R> type) {
    return typed != null ? type.cast(typed) : Json.MAPPER.treeToValue(body, type);
  }
}
