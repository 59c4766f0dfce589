package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** An OpenWhisk activation built from an {@link Outcome}: its result, status and record. */
final class ActivationRecord {
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final int SUCCESS = 0;
  static final int APPLICATION_ERROR = 1;
  static final int DEVELOPER_ERROR = 2;
  private static final String[] STATUS = {"success", "application error", "action developer error",
      "whisk internal error"};

  final String activationId;
  final ObjectNode result;
  final int statusCode;
  private final ObjectNode record;

  ActivationRecord(FunctionSpec spec, String namespace, String activationId, long startMillis,
      Outcome o) {
    this.activationId = activationId;
    ObjectNode r = o.payload() == null ? null : object(o.payload());
    int code;
    if (o.status() == Outcome.Status.OK && r != null) {
      code = r.has("error") ? APPLICATION_ERROR : SUCCESS;
    } else if (o.status() == Outcome.Status.OK) {
      r = error("The action did not return a dictionary.");
      code = DEVELOPER_ERROR;
    } else {
      if (r == null || !r.has("error")) {
        r = error(o.message());
      }
      code = DEVELOPER_ERROR;
    }
    this.result = r;
    this.statusCode = code;
    ObjectNode rec = JSON.createObjectNode();
    rec.put("namespace", namespace);
    rec.put("name", spec.name().contains("/")
        ? spec.name().substring(spec.name().indexOf('/') + 1) : spec.name());
    rec.put("version", "0.0.1");
    rec.put("subject", namespace);
    rec.put("activationId", activationId);
    rec.put("start", startMillis);
    rec.put("end", startMillis + o.durationMillis());
    rec.put("duration", o.durationMillis());
    rec.put("statusCode", code);
    ObjectNode response = rec.putObject("response");
    response.put("status", STATUS[code]);
    response.put("statusCode", code);
    response.put("success", code == SUCCESS);
    response.set("result", r);
    rec.putArray("logs");
    var annotations = rec.putArray("annotations");
    ObjectNode limits = JSON.createObjectNode();
    limits.put("concurrency", spec.concurrency());
    limits.put("memory", spec.memoryMb());
    annotations.addObject().put("key", "path").put("value", namespace + "/" + spec.name());
    annotations.addObject().put("key", "kind").put("value", "java:8");
    annotations.addObject().put("key", "limits").set("value", limits);
    rec.put("publish", false);
    this.record = rec;
  }

  /** The HTTP status of a blocking invoke: 200, or 502 for application and developer errors. */
  int httpStatus() {
    return statusCode == SUCCESS ? 200 : 502;
  }

  byte[] resultBytes() {
    return JSON.writeValueAsBytes(result);
  }

  byte[] recordBytes() {
    return JSON.writeValueAsBytes(record);
  }

  /** The JSON object in {@code bytes}, or null when they hold something else. */
  private static ObjectNode object(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n != null && n.isObject()) {
        return (ObjectNode) n;
      }
    } catch (JacksonException e) {
      // not JSON: the caller reports the action's failure
    }
    return null;
  }

  private static ObjectNode error(String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message == null ? "unknown error" : message);
    return n;
  }
}
