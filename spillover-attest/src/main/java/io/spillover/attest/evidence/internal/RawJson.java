package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.MalformedEvidenceException;

/**
 * Extracts the exact text of a top-level member's value from a JSON object, because Intel signs
 * the served bytes of {@code tcbInfo} / {@code enclaveIdentity}, not a canonical form.
 */
public final class RawJson {
  private final String s;
  private int pos;

  private RawJson(String s) {
    this.s = s;
  }

  /** The raw text of {@code key}'s value in the top-level object, or null if absent. */
  public static String member(String json, String key) {
    RawJson p = new RawJson(json);
    p.ws();
    p.expect('{');
    p.ws();
    if (p.peek() == '}') {
      return null;
    }
    while (true) {
      p.ws();
      String k = p.string();
      p.ws();
      p.expect(':');
      p.ws();
      int start = p.pos;
      p.value(0);
      if (k.equals(key)) {
        return json.substring(start, p.pos);
      }
      p.ws();
      if (p.peek() == ',') {
        p.pos++;
      } else {
        p.expect('}');
        return null;
      }
    }
  }

  private void value(int depth) {
    if (depth > 64) {
      throw new MalformedEvidenceException("JSON nested too deeply");
    }
    char c = peek();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      pos++;
      ws();
      if (peek() == close) {
        pos++;
        return;
      }
      while (true) {
        ws();
        if (c == '{') {
          string();
          ws();
          expect(':');
          ws();
        }
        value(depth + 1);
        ws();
        if (peek() == ',') {
          pos++;
        } else {
          expect(close);
          return;
        }
      }
    } else if (c == '"') {
      string();
    } else {
      int start = pos;
      while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      if (pos == start) {
        throw new MalformedEvidenceException("JSON: value expected at " + start);
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = next();
        sb.append('\\').append(e); // keys we look for contain no escapes; keep them distinct
      } else {
        sb.append(c);
      }
    }
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw new MalformedEvidenceException("JSON truncated");
    }
    return s.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new MalformedEvidenceException("JSON: expected '" + c + "' at " + (pos - 1));
    }
  }
}
