package io.spillover.local.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Checks an event before it reaches a worker: the platforms take JSON, and a worker must never be
 * handed bytes its runtime may choke on (the Runtime Interface Client's native code crashes the
 * worker JVM on an empty event). Streams through the body once; builds no tree.
 */
final class JsonPayloads {
  private static final int MAX_DETAIL = 300;

  private JsonPayloads() {}

  /**
   * Why {@code body} is not exactly one JSON value (a JSON object when {@code objectOnly}), or
   * null when it is. Strings are decoded, so bad escapes and bad UTF-8 are found too.
   */
  static String problem(byte[] body, boolean objectOnly) {
    try (JsonParser p = ActivationRecord.JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return "the body holds no JSON value";
      }
      if (objectOnly && t != JsonToken.START_OBJECT) {
        return "the body is not a JSON object";
      }
      int depth = 0;
      do {
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        } else if (t == JsonToken.VALUE_STRING) {
          p.getStringLength();
        }
      } while (depth > 0 && (t = p.nextToken()) != null);
      if (p.nextToken() != null) {
        return "the body holds more than one JSON value, at " + where(p.currentLocation());
      }
      return null;
    } catch (JacksonException e) {
      String detail = e.getOriginalMessage();
      if (detail.length() > MAX_DETAIL) {
        detail = detail.substring(0, MAX_DETAIL) + "...";
      }
      return e instanceof StreamReadException s && s.getLocation() != null
          ? detail + ", at " + where(s.getLocation()) : detail;
    }
  }

  private static String where(TokenStreamLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
