package io.spillover.openwhisk.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts the bytes of a JSON object nested in a document, as they are: a reply envelope is passed
 * on untouched (no re-encoding of numbers or strings), as the core's envelope format does. The
 * whole document is read, strictly: a duplicate key anywhere (two {@code "envelope"} members
 * could make two readers see two envelopes) or data after it, and there is no slice.
 */
public final class JsonSlice {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonSlice() {}

  /** The object at {@code path} (field names from the root), or null when absent or not an object. */
  public static byte[] object(byte[] json, String... path) {
    if (json.length == 0) {
      return null;
    }
    try (JsonParser p = MAPPER.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (int depth = 0; depth < path.length; depth++) {
        if (!seek(p, path[depth])) {
          return null;
        }
      }
      long start = p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      long end = p.currentLocation().getByteOffset();
      if (start < 0 || end > json.length || end <= start) {
        return null;
      }
      byte[] out = new byte[(int) (end - start)];
      System.arraycopy(json, (int) start, out, 0, out.length);
      return restIsWellFormed(p, path.length) ? out : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Reads to the end of the document from inside {@code depth} objects; nothing may follow. */
  private static boolean restIsWellFormed(JsonParser p, int depth) {
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return false;
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else if (t == JsonToken.END_OBJECT) {
        depth--;
      }
    }
    return p.nextToken() == null;
  }

  /** Moves inside the current object to the value of {@code field}, when it is an object. */
  private static boolean seek(JsonParser p, String field) {
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken value = p.nextToken();
      if (name.equals(field)) {
        return value == JsonToken.START_OBJECT;
      }
      p.skipChildren();
    }
    return false;
  }
}
