package io.spillover.samples.social.spill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** The reply of a {@link ServiceCall}: the typed response on the VM, a JSON tree from a twin. */
public final class ServiceReply {
  private final TypedOrJson response;

  /** A typed reply (on the VM side, or before the twin encodes it). */
  public ServiceReply(Object typed) {
    this.response = TypedOrJson.typed(typed, "response");
  }

  @JsonCreator
  ServiceReply(@JsonProperty("body") JsonNode body) {
    this.response = TypedOrJson.json(body);
  }

  /** The response as JSON (made on first use, i.e. in a twin). */
  @JsonProperty("body")
  public JsonNode body() {
    return response.json();
  }

  /** The response as {@code type}. */
  @JsonIgnore
  public <R> R response(Class<R> type) {
    return response.as(type);
  }
}
