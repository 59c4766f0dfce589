package io.spillover.samples.social.spill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One call to a logic service as its spillway sees it: the method and its request. A service has
 * one spillway (one VM worker pool) for all its methods, so the request crosses as a JSON tree;
 * on the VM path it stays the typed record and is only turned into JSON when the call spills.
 */
public final class ServiceCall {
  private final String method;
  private final TypedOrJson request;

  /** A call on the VM side: the typed request, turned into JSON only if it spills. */
  public ServiceCall(String method, Object typed) {
    this.method = Objects.requireNonNull(method, "method");
    this.request = TypedOrJson.typed(typed, "request");
  }

  @JsonCreator
  ServiceCall(@JsonProperty("method") String method, @JsonProperty("body") JsonNode body) {
    this.method = Objects.requireNonNull(method, "method");
    this.request = TypedOrJson.json(body);
  }

  @JsonProperty("method")
  public String method() {
    return method;
  }

  /** The request as JSON (made on first use, i.e. when the call spills). */
  @JsonProperty("body")
  public JsonNode body() {
    return request.json();
  }

  /** The request as {@code type}: the record itself on the VM, decoded in a function twin. */
  @JsonIgnore
  public <Q> Q request(Class<Q> type) {
    return request.as(type);
  }
}
