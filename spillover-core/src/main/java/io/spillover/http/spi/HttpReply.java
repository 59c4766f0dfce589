package io.spillover.http.spi;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** A reply read in full: status, headers and body bytes (never null, maybe empty). */
public record HttpReply(int status, Headers headers, byte[] body) {

  /** Whether the status is 2xx. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The last value of header {@code name}, or null. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The start of the body as text, for error messages: at most 200 characters, one line. */
  public String snippet() {
    int n = Math.min(body.length, 200);
    String text = new String(body, 0, n, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return body.length > n ? text + "..." : text;
  }
}
